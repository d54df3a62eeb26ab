"""`/live`: the livestream, the post form and the live wall on one page, for remote viewers.

`/` is to lead here while the event is live (the home page decides, by `core.phase`); the hall's
`/j` goes to `/wall` instead (the hall sees the stage). Thin: the player is components.livestream,
the wall with its form is components.wall_board; the layout (sticky player on a phone, two
columns from 1024 px) is live.css. Posts from here count as online: whoever watches the stream is
not in the hall.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from nicegui import ui

from components.frame import frame
from components.i18n import local_date, local_time, t
from components.livestream import Livestream
from components.shared_css import share_css
from components.text import heading
from components.wall_board import WallBoard
from core.clock import utcnow
from core.phase import EventPhase, event_phase
from features.agenda.service import shared_programme
from models.contribution import Channel

LIVE_CSS = Path(__file__).resolve().parent / "live.css"
# like /wall: when many viewers open the page at once, a slow build beats NiceGUI's HTTP 500
STORM_RESPONSE_TIMEOUT = 20.0


@ui.page("/live", response_timeout=STORM_RESPONSE_TIMEOUT)
async def live_page(request: Request) -> None:
    programme = await shared_programme()  # read only: the same for every tab
    event = programme.event if programme else None
    with frame(t("live.title"), event=event):
        heading(t("live.heading"))
        if programme is None or event is None:
            ui.label(t("home.no_event"))
            return
        share_css("live", LIVE_CSS)
        phase = event_phase(event, utcnow())
        if phase is EventPhase.BEFORE:
            starts = event.starts_at
            ui.label(t("live.phase_before", date=local_date(starts), time=local_time(starts))).classes(
                "font-semibold"
            ).mark("live-phase")
        elif phase is not EventPhase.LIVE:
            ui.label(t("live.phase_after")).classes("font-semibold").mark("live-phase")
        ui.label(t("live.intro")).classes("max-w-prose")
        with ui.element("div").classes("sg-live").mark("live-layout"):
            Livestream(
                event.livestream_url, captions_url=event.captions_url, sign_language_url=event.sign_language_url,
                collapsible=True,
            ).section.classes("sg-live-player")
            with ui.element("div").classes("sg-live-wall block").mark("live-wall"):
                address = request.client.host if request.client else None
                await WallBoard(programme, channel=Channel.ONLINE, address=address).build()
