"""/admin tab "accounts" (placeholder until it is built)."""

from __future__ import annotations

from nicegui import ui

from models.staff import StaffAccount
from services.events import Programme


class AccountsPanel:
    def __init__(self, programme: Programme | None, staff: StaffAccount) -> None:
        self.programme = programme
        self.staff = staff

    async def build(self) -> None:
        ui.label("…")
