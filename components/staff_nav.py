"""The head of every staff page: its title, who is signed in, links between the staff pages
(/moderation, /admin for organisers, /account for everyone on the team) and sign-out."""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.text import heading
from models.staff import Role, StaffAccount

STAFF_PAGES = (("/moderation", "nav.moderation", Role.MODERATOR), ("/admin", "nav.admin", Role.ORGANISER),
               ("/account", "nav.account", Role.MODERATOR))


def staff_links(staff: StaffAccount, here: str) -> None:
    """The staff pages this account may open, except the one it is on."""
    for path, key, role in STAFF_PAGES:
        if path != here and staff.may(role):
            ui.link(t(key), path).classes("text-blue-900 underline font-semibold").mark(f"staff-link{path}")


def logout_button() -> None:
    """Sign out (a form: only an HTTP response can clear the HttpOnly cookie)."""
    with ui.element("form").props("method=post action=/logout").classes("inline"):
        ui.button(t("login.logout")).props("type=submit flat no-caps text-color=blue-10").mark("logout")


def staff_header(title: str, staff: StaffAccount, here: str) -> None:
    with ui.row().classes("w-full items-center justify-between gap-2 flex-wrap"):
        heading(title)
        with ui.row().classes("items-center gap-4 flex-wrap"):
            ui.label(t("login.signed_in_as", name=staff.name, role=t(f"role.{staff.role.value}"))).mark("signed-in")
            staff_links(staff, here)
            logout_button()
