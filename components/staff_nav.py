"""Links between the staff pages, next to the sign-out button: /moderation, /admin for
organisers, and /account (own password) for everyone on the team."""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from models.staff import Role, StaffAccount

STAFF_PAGES = (("/moderation", "nav.moderation", Role.MODERATOR), ("/admin", "nav.admin", Role.ORGANISER),
               ("/account", "nav.account", Role.MODERATOR))


def staff_links(staff: StaffAccount, here: str) -> None:
    """The staff pages this account may open, except the one it is on."""
    for path, key, role in STAFF_PAGES:
        if path != here and staff.may(role):
            ui.link(t(key), path).classes("text-blue-900 underline font-semibold").mark(f"staff-link{path}")
