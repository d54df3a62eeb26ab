"""/admin tab "ready" ("Bereit für den Tag?"): the preflight checks of `python main.py check`, with the
same texts (features.system.preflight, locale keys preflight.<key>.<level>), for organisers.

The checks run when the tab is built (when /admin opens) and on "Erneut prüfen", never on a timer;
the one request they make (PUBLIC_URL/healthz) is async with a short timeout. Each line says its
level in words, not only in colour. The page's banner (components.readiness_banner) follows.
"""

from __future__ import annotations

from nicegui import ui

from components.admin_panel import AdminPanel
from components.i18n import local_time, t
from components.readiness_banner import update_banners
from components.staff_gate import as_staff
from components.text import heading
from core.clock import utcnow
from features.system.demo import remove_demo
from features.system.preflight import Check, Level, run_checks, worst
from models.staff import StaffAccount
from settings import get_settings

HERE = "/admin?tab=ready"

TONES = {
    Level.OK: "border-green-800 bg-green-50 text-green-950",
    Level.WARNING: "border-amber-700 bg-amber-50 text-amber-950",
    Level.ERROR: "border-red-800 bg-red-50 text-red-950",
}


class ReadinessPanel(AdminPanel):
    checks: list[Check]

    async def build(self) -> None:
        self.checks = []
        with ui.element("section").props("aria-labelledby=ready-heading").classes(
            "block bg-white rounded shadow-sm p-4 space-y-3 max-w-4xl"
        ):
            heading(t("preflight.heading"), 2).props("id=ready-heading")
            ui.label(t("preflight.intro")).classes("max-w-prose")
            with ui.row().classes("items-center gap-4 flex-wrap"):
                ui.button(t("preflight.recheck"), on_click=self.recheck).props("no-caps color=blue-10").mark(
                    "ready-recheck"
                )
                self.checked = ui.label().classes("text-sm text-slate-700").mark("ready-checked")
            self.summary = ui.label().props("role=status").classes("font-semibold").mark("ready-summary")
            self.list = ui.element("ul").classes("space-y-2 list-none p-0 m-0").mark("ready-list")
            self.demo = ui.element("div").classes("space-y-2")
        with ui.dialog().props("aria-labelledby=demo-confirm-text") as self.dialog, ui.card().classes("max-w-lg"):
            ui.label(t("preflight.demo_remove.confirm")).props("id=demo-confirm-text").classes("text-lg")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("admin.cancel"), on_click=self.dialog.close).props("no-caps flat color=blue-10").mark(
                    "demo-remove-cancel"
                )
                ui.button(t("preflight.demo_remove.confirm_yes"), on_click=self.remove_demo).props(
                    "no-caps color=red-10"
                ).mark("demo-remove-confirm")
        await self.run()

    async def run(self) -> None:
        self.checks = await run_checks(get_settings())
        self.show()

    async def remove_demo(self) -> None:
        """The demo goes once the organiser confirmed; the checks then run again."""
        self.dialog.close()

        async def remove(staff: StaffAccount) -> int:
            return await remove_demo(staff)

        if await as_staff(remove, here=HERE, alert=self.demo_status) is not None:
            ui.notify(t("preflight.demo_remove.done"), type="positive")
            await self.recheck()

    async def recheck(self) -> None:
        await self.run()
        update_banners(self.checks)

    def show(self) -> None:
        self.checked.set_text(t("preflight.checked", time=local_time(utcnow())))
        level = worst(self.checks)
        count = sum(1 for check in self.checks if check.level is level)
        self.summary.set_text(t(f"preflight.summary.{level}", count=count))
        self.list.clear()
        with self.list:
            for check in self.checks:
                line = ui.element("li").classes(
                    f"flex gap-3 items-baseline border-l-4 rounded px-3 py-2 {TONES[check.level]}"
                ).mark(f"ready-{check.key}", f"ready-{check.level}")
                with line:
                    ui.label(t(f"preflight.level.{check.level}")).classes("font-bold min-w-24 shrink-0")
                    ui.label(t(check.text_key, **check.params)).classes("max-w-prose")
        self._offer_demo_removal()

    def _offer_demo_removal(self) -> None:
        """While the demo event is in the database, the way to remove it stands next to the checks."""
        self.demo.clear()
        demo_left = any(check.key == "demo" and check.level is not Level.OK for check in self.checks)
        with self.demo:
            if demo_left:
                ui.label(t("preflight.demo_remove.hint")).classes("max-w-prose")
                ui.button(t("preflight.demo_remove.button"), on_click=self.dialog.open).props(
                    "no-caps outline color=red-10"
                ).mark("demo-remove")
            self.demo_status = ui.label().props("role=alert").classes("text-red-900 font-semibold").mark(
                "demo-remove-error"
            )
