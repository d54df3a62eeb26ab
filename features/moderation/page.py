"""`/moderation`: the live console for moderators and organisers; anonymous visitors go to /login."""

from __future__ import annotations

from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.readiness_banner import ReadinessBanner
from components.staff_gate import staff_page
from components.staff_nav import staff_header
from features.agenda.service import load_programme
from features.moderation.console import ModerationConsole
from features.moderation.touch import touch_friendly
from models.staff import Role, StaffAccount


@staff_page("/moderation", Role.MODERATOR)
async def moderation_page(staff: StaffAccount) -> None:
    programme = await load_programme()
    with frame(t("moderation.title"), event=programme.event if programme else None):
        touch_friendly()  # tablets: 44 px targets, destructive actions apart (issue 15)
        staff_header(t("moderation.title"), staff, "/moderation")
        ReadinessBanner(staff).check_soon()  # while a preflight check stands at ERROR (issue 20)
        if programme is None:
            ui.label(t("home.no_event"))
            return
        await ModerationConsole(programme, staff).build()
