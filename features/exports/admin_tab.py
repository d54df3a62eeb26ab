"""/admin tab "export": CSV, JSON or the PDF report of the event, with progress, as a download.

The export itself is features.exports.service.export_event (organisers only, audited). This panel only
starts it as whoever is signed in at the moment of the click, follows its progress in a bar and
a status line a screen reader announces, keeps the buttons disabled while it runs, and hands the
finished bytes to the browser with ui.download.

Below the downloads, publishing the documentation (features.exports.documentation): the German
report rendered and put online at /dokumentation.pdf, with the same progress bar and status
line, and withdrawn again with one click.
"""

from __future__ import annotations

from nicegui import ui

import locales
from components.i18n import current_language, t
from components.staff_gate import as_staff
from components.text import Text, heading
from features.agenda.service import Programme
from features.exports.documentation import (
    DOCUMENTATION_ROUTE,
    publish_documentation,
    withdraw_documentation,
)
from features.exports.service import FORMATS, export_event
from models.event import Event
from models.staff import StaffAccount
from settings import get_settings


class ExportPanel:
    def __init__(self, programme: Programme | None, staff: StaffAccount) -> None:
        self.programme = programme
        self.staff = staff
        self.buttons: list[ui.button] = []
        self.running = False
        self.language = locales.DEFAULT_LANGUAGE

    def text(self, key: str, **params: object) -> str:
        """Like t(), but also outside a NiceGUI context (the export's progress callback)."""
        return locales.translate(self.language, key, **params)

    async def build(self) -> None:
        self.language = current_language()
        with ui.column().classes("w-full max-w-3xl gap-3").mark("export-panel"):
            heading(t("export.heading"), 2)
            if self.programme is None:
                ui.label(t("export.no_event")).mark("export-no-event")
                return
            ui.label(t("export.intro")).classes("text-slate-700")
            for fmt in FORMATS:
                with ui.row().classes("w-full items-center gap-3 flex-nowrap"):
                    button = ui.button(t(f"export.{fmt}"), on_click=lambda fmt=fmt: self.start(fmt)).props(
                        "no-caps color=blue-10"
                    ).classes("min-w-[10rem]").mark(f"export-{fmt}")
                    self.buttons.append(button)
                    ui.label(t(f"export.{fmt}_hint")).classes("text-sm text-slate-700")
            self.bar = ui.linear_progress(value=0, show_value=False, size="10px", color="blue-10").mark(
                "export-progress"
            )
            self.bar.props.update({"aria-label": t("export.progress_label"), "aria-valuetext": "0 %"})
            self.bar.visible = False
            # role=status: a screen reader announces each step without moving the focus
            self.status = Text("p", "").classes("m-0 text-slate-800").mark("export-status")
            self.status.props.update({"role": "status", "aria-live": "polite"})
            self.error = Text("p", "").classes("m-0 text-red-800 font-semibold").mark("export-error")
            self.error.props.update({"role": "alert"})
            self.error.visible = False
            self._build_documentation()

    def _build_documentation(self) -> None:
        """Publish the report for everyone, or withdraw it; its state in one line with the link."""
        heading(t("documentation.heading"), 3).classes("mt-4")
        ui.label(t("documentation.intro", route=DOCUMENTATION_ROUTE)).classes("text-slate-700")
        with ui.row().classes("w-full items-center gap-3"):
            self.publish_button = ui.button(t("documentation.publish"), on_click=self.publish).props(
                "no-caps color=blue-10"
            ).mark("documentation-publish")
            self.withdraw_button = ui.button(t("documentation.withdraw"), on_click=self.withdraw).props(
                "no-caps outline color=blue-10"
            ).mark("documentation-withdraw")
        self.buttons += [self.publish_button, self.withdraw_button]
        with ui.row().classes("items-baseline gap-2"):
            self.published = Text("p", "").classes("m-0 text-slate-800").mark("documentation-state")
            self.published_link = ui.link(t("documentation.open"), DOCUMENTATION_ROUTE, new_tab=True).mark(
                "documentation-link"
            )
        self._show_publication(self.programme.event if self.programme else None)

    def _show_publication(self, event: Event | None) -> None:
        moment = event.report_published_at if event is not None else None
        if moment is None:
            self.published.text = self.text("documentation.not_published")
        else:
            zone = get_settings().timezone
            self.published.text = self.text(
                "documentation.published", date=locales.format_date(self.language, moment, zone),
                time=locales.format_time(self.language, moment, zone),
            )
        self.published_link.visible = moment is not None
        self.withdraw_button.visible = moment is not None

    def show_progress(self, share: float, step: str) -> None:
        """Called by the export on the event loop, also while the file is written in a thread."""
        percent = round(share * 100)
        self.bar.value = share
        self.bar.props.update({"aria-valuetext": f"{percent} %"})
        label = self.text(f"export.step.{step}")
        self.status.text = label if step == "done" else f"{label} ({percent} %)"

    def _busy(self, busy: bool) -> None:
        self.running = busy
        for button in self.buttons:
            button.set_enabled(not busy)

    async def start(self, fmt: str) -> None:
        if self.running or self.programme is None:
            return
        self._busy(True)
        self.error.visible = False
        self.bar.visible = True
        self.show_progress(0.0, "collect")
        try:
            exported = await as_staff(  # whoever is signed in now: an ended session exports nothing
                lambda staff: export_event(
                    staff, self.programme.event.id, fmt, language=self.language, progress=self.show_progress
                ),
                here="/admin?tab=export", alert=self.error,
            )
        finally:
            self._busy(False)
        if exported is None:  # refused (the reason is in the alert) or sent to the sign-in page
            self.bar.visible = False
            self.status.text = ""
            return
        if self.bar.is_deleted:  # the tab was closed meanwhile: nobody to hand the file to
            return
        self.status.text = self.text("export.done", name=exported.filename)
        ui.download(exported.data, exported.filename, exported.media_type)

    async def publish(self) -> None:
        """Render the German report and put it online, showing the progress as the downloads do."""
        if self.running or self.programme is None:
            return
        self._busy(True)
        self.error.visible = False
        self.bar.visible = True
        self.show_progress(0.0, "collect")
        try:
            event = await as_staff(
                lambda staff: publish_documentation(staff, self.programme.event.id, progress=self.show_progress),
                here="/admin?tab=export", alert=self.error,
            )
        finally:
            self._busy(False)
        if event is None:
            self.bar.visible = False
            self.status.text = ""
            return
        self.status.text = self.text("documentation.done")
        self._show_publication(event)

    async def withdraw(self) -> None:
        if self.running or self.programme is None:
            return
        self._busy(True)
        self.error.visible = False
        try:
            event = await as_staff(
                lambda staff: withdraw_documentation(staff, self.programme.event.id),
                here="/admin?tab=export", alert=self.error,
            )
        finally:
            self._busy(False)
        if event is None:
            return
        self.bar.visible = False
        self.status.text = self.text("documentation.withdrawn")
        self._show_publication(event)
