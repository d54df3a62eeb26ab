"""`/wall`: the live comment wall with the post form, for remote viewers and people in the hall."""

from __future__ import annotations

from datetime import datetime

from fastapi import Request
from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.text import heading
from components.wall_board import WallBoard
from core.clock import utcnow
from core.phase import EventPhase, WallState, event_phase, wall_state
from features.agenda.service import shared_programme
from models.contribution import Channel
from models.event import Event

HALL_COOKIE = "sg_channel"
# When the whole hall scans the QR code at once, page builds queue up: a page that takes a few
# seconds is better than NiceGUI's HTTP 500 after its default 3 s (docs/performance.md).
STORM_RESPONSE_TIMEOUT = 20.0
INTRO = {WallState.NOT_YET: "wall.intro_before", WallState.OPEN: "wall.intro",
         WallState.READ_ONLY: "wall.intro_read", WallState.CLOSED: "wall.intro_read"}


def intro_key(event: Event, now: datetime) -> str:
    """The intro invites only while the wall takes posts; after the event it says what is kept."""
    state = wall_state(event, now)
    if state is WallState.OPEN and event_phase(event, now) is EventPhase.AFTER:
        return "wall.intro_after"
    return INTRO[state]


@ui.page("/wall", response_timeout=STORM_RESPONSE_TIMEOUT)
async def wall_page(request: Request) -> None:
    programme = await shared_programme()  # the same for every tab: read once for all (read only)
    with frame(t("wall.heading"), event=programme.event if programme else None):
        heading(t("wall.heading"))
        if programme is None:
            ui.label(t("home.no_event"))
            return
        ui.label(t(intro_key(programme.event, utcnow()))).classes("max-w-prose").mark("wall-intro")
        channel = Channel.HALL if request.cookies.get(HALL_COOKIE) == "hall" else Channel.ONLINE
        address = request.client.host if request.client else None
        await WallBoard(programme, channel=channel, address=address).build()
