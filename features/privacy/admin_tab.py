"""/admin tab "privacy": how long contributions are kept, and deleting all of them afterwards.

Every action re-reads the signed-in account and calls features.privacy.service, which checks the role
itself; the purge needs the day after the retention date and the typed confirmation word.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from nicegui import ui

from components.admin_panel import AdminPanel
from components.i18n import t
from components.staff_gate import as_staff
from components.text import heading
from features.privacy import service as privacy
from models.event import Event
from models.staff import StaffAccount


def day_text(day: date) -> str:
    return day.strftime("%d.%m.%Y")


class PrivacyPanel(AdminPanel):
    async def build(self) -> None:
        if self.without_event("home.no_event"):
            return
        with ui.element("section").props("aria-labelledby=privacy-retention-heading").classes(
            "block bg-white rounded shadow-sm p-4 space-y-3 max-w-3xl"
        ):
            heading(t("privacy.retention_heading"), 2).props("id=privacy-retention-heading")
            ui.label(t("privacy.retention_intro")).classes("max-w-prose")
            self.current = ui.label().classes("font-semibold").mark("retention-current")
            self.earliest = ui.label().classes("text-sm text-slate-700").mark("retention-earliest")
            with ui.row().classes("items-end gap-3 flex-wrap"):
                self.day_input = ui.input(t("privacy.retention_label")).props(
                    "type=date outlined stack-label"
                ).classes("min-w-56").mark("retention-date")
                ui.button(t("privacy.retention_save"), on_click=self.save_date).props(
                    "no-caps color=blue-10"
                ).mark("retention-save")
            self.date_message = ui.label().classes("font-semibold").mark("retention-message")
        with ui.element("section").props("aria-labelledby=privacy-purge-heading").classes(
            "block bg-white rounded shadow-sm p-4 space-y-3 max-w-3xl mt-6"
        ):
            heading(t("privacy.purge_heading"), 2).props("id=privacy-purge-heading")
            self.count_label = ui.label().mark("purge-count")
            self.purge_hint = ui.label().props("id=purge-hint").classes("max-w-prose").mark("purge-hint")
            self.word_input = ui.input(t("privacy.purge_word_label")).props(
                'outlined autocomplete=off aria-describedby=purge-hint'
            ).classes("min-w-56").mark("purge-word")
            self.purge_button = ui.button(t("privacy.purge_button"), on_click=self.purge).props(
                "no-caps color=red-10 aria-describedby=purge-hint"
            ).mark("purge-button")
            self.purge_message = ui.label().classes("font-semibold").mark("purge-message")
        await self.show_state()

    async def show_state(self) -> None:
        """What is set now, and whether the purge is possible today (read from the database)."""
        event = await Event.get(id=self.event_id)
        if event.retention_until is None:
            self.current.set_text(t("privacy.retention_none"))
        else:
            self.current.set_text(t("privacy.retention_current", date=day_text(event.retention_until)))
            self.day_input.value = event.retention_until.isoformat()
        earliest = privacy.earliest_retention(event)
        self.earliest.set_text(t("privacy.retention_earliest", date=day_text(earliest)) if earliest else "")
        self.earliest.set_visibility(earliest is not None)
        count = await self.call(lambda staff: privacy.stored_count(staff, self.event_id), quiet=True)
        self.count_label.set_text(t("privacy.stored", count=count or 0))
        allowed = privacy.purge_allowed(event)
        if event.retention_until is None:
            self.purge_hint.set_text(t("privacy.purge_no_date"))
        elif not allowed:
            self.purge_hint.set_text(
                t("privacy.purge_not_yet", date=day_text(event.retention_until),
                  first=day_text(event.retention_until + timedelta(days=1)))
            )
        else:
            self.purge_hint.set_text(t("privacy.purge_ready"))
        self.purge_button.set_enabled(allowed)
        self.word_input.set_enabled(allowed)

    async def call(
        self, action: Callable[[StaffAccount], Awaitable[Any]], *, alert: ui.label | None = None, quiet: bool = False
    ) -> Any:
        """Run one action as whoever is signed in now (components.staff_gate); a refusal is shown in `alert`."""
        return await as_staff(action, here="/admin?tab=privacy", alert=alert, quiet=quiet)

    @staticmethod
    def _say(label: ui.label, text: str) -> None:
        """Success, announced politely (a refusal is shown by the staff gate, as role=alert)."""
        label.props("role=status")
        label.classes(replace="font-semibold text-green-900")
        label.set_text(text)

    async def save_date(self) -> None:
        day = await self.call(
            lambda staff: privacy.set_retention(staff, self.event_id, self.day_input.value), alert=self.date_message
        )
        if day is not None:
            self._say(self.date_message, t("privacy.retention_saved", date=day_text(day)))
            await self.show_state()

    async def purge(self) -> None:
        word = str(self.word_input.value or "")
        count = await self.call(lambda staff: privacy.purge_event(staff, self.event_id, word), alert=self.purge_message)
        if count is not None:
            self.word_input.value = ""
            self._say(self.purge_message, t("privacy.purged", count=count))
            await self.show_state()
