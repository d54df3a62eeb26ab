"""`/wall`: the live comment wall with the post form, for remote viewers and people in the hall."""

from __future__ import annotations

from fastapi import Request
from nicegui import ui

from components.frame import frame
from components.i18n import t
from components.text import heading
from components.wall_board import WallBoard
from features.agenda.service import shared_programme
from models.contribution import Channel

HALL_COOKIE = "sg_channel"
# When the whole hall scans the QR code at once, page builds queue up: a page that takes a few
# seconds is better than NiceGUI's HTTP 500 after its default 3 s (docs/performance.md).
STORM_RESPONSE_TIMEOUT = 20.0


@ui.page("/wall", response_timeout=STORM_RESPONSE_TIMEOUT)
async def wall_page(request: Request) -> None:
    programme = await shared_programme()  # the same for every tab: read once for all (read only)
    with frame(t("wall.heading"), event=programme.event if programme else None):
        heading(t("wall.heading"))
        if programme is None:
            ui.label(t("home.no_event"))
            return
        ui.label(t("wall.intro")).classes("max-w-prose")
        channel = Channel.HALL if request.cookies.get(HALL_COOKIE) == "hall" else Channel.ONLINE
        address = request.client.host if request.client else None
        await WallBoard(programme, channel=channel, address=address).build()
