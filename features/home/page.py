"""`/`: the event at a glance: when and where, and first what is possible now (the phase notice):
before, the countdown and the programme; live, the way to the live page (player and wall
together, so the livestream is not embedded here); after, the results open for comments until
when; closed, since when, and the documentation once published."""

from __future__ import annotations

from nicegui import ui

from components.frame import frame
from components.i18n import local_date, local_time, localized, t
from components.livestream import Livestream
from components.now_on_stage import NowOnStage
from components.phase_notice import phase_notice
from components.text import heading, paragraphs
from core.clock import utcnow
from core.phase import EventPhase, event_phase, wall_accepts
from features.agenda.service import load_programme, running_item_id


@ui.page("/")
async def home_page() -> None:
    programme = await load_programme()
    if programme is None:
        with frame(t("app.name")):
            ui.label(t("home.no_event"))
        return
    event = programme.event
    now = utcnow()
    phase = event_phase(event, now)
    with frame(t("nav.home"), event=event):
        with ui.column().classes("gap-1"):
            heading(localized(event, "title")).mark("home-title")
            ui.label(
                t("home.when", date=local_date(event.starts_at), start=local_time(event.starts_at),
                  end=local_time(event.ends_at))
            ).classes("text-lg").mark("event-when")
            if event.venue or event.address:
                ui.label(t("home.where", venue=event.venue, address=event.address)).classes("text-lg")
        notice = phase_notice(event, "home", now)
        offered = {path for _, path in notice.links} if notice is not None else set()
        if event.description or event.description_en:
            with ui.element("div").classes("flex flex-col gap-2").mark("home-description"):
                paragraphs(localized(event, "description"))
        if phase is EventPhase.LIVE:
            NowOnStage(programme, running_item_id(programme, now))
        else:  # while live, the livestream is on the live page, beside the wall
            Livestream(event.livestream_url, captions_url=event.captions_url,
                       sign_language_url=event.sign_language_url)
        with ui.row().classes("gap-4 flex-wrap"):
            if phase is not EventPhase.LIVE:  # live, the notice leads to the live page instead
                ui.link(t("home.to_wall" if wall_accepts(event, now) else "home.to_wall_read"), "/wall").classes(
                    "font-semibold"
                ).mark("home-to-wall")
            for key, path in (("home.to_agenda", "/agenda"), ("home.to_results", "/results")):
                if path not in offered:  # the notice has it already, first
                    ui.link(t(key), path).classes("font-semibold")
