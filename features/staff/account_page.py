"""`/account`: every staff member's own account (for now: change the password); others go to /login."""

from __future__ import annotations

from fastapi.responses import RedirectResponse
from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.staff_gate import current_staff, login_address
from components.staff_nav import staff_header
from features.agenda.service import current_event
from features.staff.own_password import OwnPasswordForm
from models.staff import Role


@ui.page("/account")
async def account_page() -> RedirectResponse | None:
    staff = await current_staff()
    if staff is None or not staff.may(Role.MODERATOR):
        return RedirectResponse(login_address("/account"), status_code=303)
    event = await current_event()
    with frame(t("account.title"), event.title if event else None):
        staff_header(t("account.title"), staff, "/account")
        OwnPasswordForm().build()
    return None
