"""What every /admin tab is: built from the programme (None before the first event) and the organiser.

features/admin/page.py builds each tab as `Panel(programme, staff).build()`; tabs of other
features (results, exports, privacy) take the same shape from here.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from features.agenda.service import Programme
from models.staff import StaffAccount


class AdminPanel:
    def __init__(self, programme: Programme | None, staff: StaffAccount) -> None:
        self.programme = programme
        self.staff = staff
        self.event_id = programme.event.id if programme is not None else 0

    async def build(self) -> None:
        raise NotImplementedError

    def without_event(self, text_key: str, marker: str | None = None) -> bool:
        """True (and a line that says so) when there is no event yet to set up."""
        if self.programme is not None:
            return False
        label = ui.label(t(text_key))
        if marker:
            label.mark(marker)
        return True
