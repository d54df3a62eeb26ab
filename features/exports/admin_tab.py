"""/admin tab "export": CSV, JSON or the PDF report of the event, with progress, as a download.

The export itself is features.exports.service.export_event (organisers only, audited). This panel only
starts it as whoever is signed in at the moment of the click, follows its progress in a bar and
a status line a screen reader announces, keeps the buttons disabled while it runs, and hands the
finished bytes to the browser with ui.download.
"""

from __future__ import annotations

from nicegui import ui

import locales
from components.i18n import current_language, t
from components.staff_gate import as_staff
from components.text import Text, heading
from features.agenda.service import Programme
from features.exports.service import FORMATS, export_event
from models.staff import StaffAccount


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
