"""Who is signed in on this tab: the staff cookie names a session the database holds.

Read again for every staff action, not only when the page was built: a session that expired or
was ended (sign-out, elsewhere too) stops working at once in every open tab and process.
"""

from __future__ import annotations

from nicegui import ui

from features.staff.service import account_for_session
from models.staff import StaffAccount

STAFF_COOKIE = "sg_staff"


def session_token() -> str | None:
    request = ui.context.client.request
    return request.cookies.get(STAFF_COOKIE) if request is not None else None


async def current_staff() -> StaffAccount | None:
    return await account_for_session(session_token())


def login_address(next_path: str) -> str:
    return f"/login?next={next_path}"
