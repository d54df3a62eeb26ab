"""`/account`: every staff member's own account (for now: change the password); others go to /login."""

from __future__ import annotations

from components.frame import frame
from components.i18n import t
from components.staff_gate import staff_page
from components.staff_nav import staff_header
from features.agenda.service import current_event
from features.staff.own_password import OwnPasswordForm
from models.staff import Role, StaffAccount


@staff_page("/account", Role.MODERATOR)
async def account_page(staff: StaffAccount) -> None:
    event = await current_event()
    with frame(t("account.title"), event.title if event else None):
        staff_header(t("account.title"), staff, "/account")
        OwnPasswordForm().build()
