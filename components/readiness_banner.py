"""The warning at the top of /admin and /moderation while a preflight check (features.system.preflight)
stands at ERROR, e.g. the QR code pointing at localhost: the team sees it before the hall does.

It is empty (no element a screen reader meets) while all is well. Organisers get a link to the
"Bereit für den Tag?" tab of /admin, where the checks are listed; moderators, who cannot open
/admin, read whom to tell. The checks run when the page opens, never on a timer.
"""

from __future__ import annotations

import logging

from nicegui import background_tasks, ui

import locales
from components.i18n import current_language
from features.system.preflight import Check, Level, run_checks
from models.staff import Role, StaffAccount
from settings import get_settings

log = logging.getLogger(__name__)

READY_TAB = "/admin?tab=ready"
BANNER_CLASSES = "bg-red-50 text-red-900 border-l-8 border-red-800 rounded px-4 py-3 space-y-1 max-w-3xl"


class ReadinessBanner(ui.element):
    """A region that shows itself (role=alert) only while a check stands at ERROR."""

    def __init__(self, staff: StaffAccount) -> None:
        super().__init__("div")
        self.organiser = staff.may(Role.ORGANISER)
        self.language = current_language()  # the checks may finish outside the page's request
        self.mark("readiness-banner")
        self.set_visibility(False)

    def show(self, checks: list[Check]) -> None:
        """Say how many errors stand (or nothing), as the latest checks found."""
        if self.is_deleted:
            return
        errors = sum(1 for check in checks if check.level is Level.ERROR)
        self.clear()
        self.props(remove="role")
        self.classes(remove=BANNER_CLASSES)
        self.set_visibility(bool(errors))
        if not errors:
            return
        self.props("role=alert").classes(BANNER_CLASSES)
        with self:
            ui.label(locales.translate(self.language, "preflight.banner", count=errors)).classes(
                "font-semibold"
            ).mark("readiness-banner-text")
            if self.organiser:
                ui.link(locales.translate(self.language, "preflight.banner_link"), READY_TAB).classes(
                    "text-red-900 underline font-semibold"
                ).mark("readiness-banner-link")
            else:
                ui.label(locales.translate(self.language, "preflight.banner_tell"))

    async def check(self) -> None:
        try:
            checks = await run_checks(get_settings())
        except Exception:  # the banner is a courtesy: a check that breaks must not break the console
            log.exception("Preflight-Prüfung für das Banner fehlgeschlagen")
            return
        self.show(checks)

    def check_soon(self) -> None:
        """Run the checks beside the page (the console need not wait for the /healthz request)."""
        background_tasks.create(self.check(), name="readiness-banner")


def update_banners(checks: list[Check]) -> None:
    """After "Erneut prüfen": the banner on this page shows the new result too."""
    for element in list(ui.context.client.elements.values()):
        if isinstance(element, ReadinessBanner):
            element.show(checks)
