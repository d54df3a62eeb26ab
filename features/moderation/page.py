"""`/moderation`: the live console for moderators and organisers; anonymous visitors go to /login."""

from __future__ import annotations

from fastapi.responses import RedirectResponse
from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.staff_gate import current_staff, login_address
from components.staff_nav import staff_header
from features.agenda.service import load_programme
from features.moderation.console import ModerationConsole
from models.staff import Role


@ui.page("/moderation")
async def moderation_page() -> RedirectResponse | None:
    staff = await current_staff()
    if staff is None or not staff.may(Role.MODERATOR):
        return RedirectResponse(login_address("/moderation"), status_code=303)
    programme = await load_programme()
    with frame(t("moderation.title"), event=programme.event if programme else None):
        staff_header(t("moderation.title"), staff, "/moderation")
        if programme is None:
            ui.label(t("home.no_event"))
            return None
        await ModerationConsole(programme, staff).build()
    return None
