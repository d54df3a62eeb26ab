"""`/`: the event at a glance: when and where, the livestream, what is on stage, ways in."""

from __future__ import annotations

from nicegui import ui

from components.frame import frame
from components.i18n import local_date, local_time, localized, t
from components.livestream import Livestream
from components.now_on_stage import NowOnStage
from components.text import heading, paragraphs
from core.clock import utcnow
from features.agenda.service import load_programme, running_item_id


@ui.page("/")
async def home_page() -> None:
    programme = await load_programme()
    if programme is None:
        with frame(t("app.name")):
            ui.label(t("home.no_event"))
        return
    event = programme.event
    with frame(t("nav.home"), event=event):
        with ui.column().classes("gap-1"):
            heading(localized(event, "title")).mark("home-title")
            ui.label(
                t("home.when", date=local_date(event.starts_at), start=local_time(event.starts_at),
                  end=local_time(event.ends_at))
            ).classes("text-lg").mark("event-when")
            if event.venue or event.address:
                ui.label(t("home.where", venue=event.venue, address=event.address)).classes("text-lg")
        if event.description or event.description_en:
            with ui.element("div").classes("flex flex-col gap-2").mark("home-description"):
                paragraphs(localized(event, "description"))
        NowOnStage(programme, running_item_id(programme, utcnow()))
        Livestream(event.livestream_url)
        with ui.row().classes("gap-4 flex-wrap"):
            ui.link(t("home.to_wall"), "/wall").classes("font-semibold")
            ui.link(t("home.to_agenda"), "/agenda").classes("font-semibold")
            ui.link(t("home.to_results"), "/results").classes("font-semibold")
