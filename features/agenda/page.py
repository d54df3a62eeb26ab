"""`/agenda`: the programme in the event's time zone, the running item marked; `/agenda.ics`."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from nicegui import app, ui

from components.frame import frame
from components.i18n import t
from components.text import heading
from core.clock import utcnow
from features.agenda.agenda_list import AgendaList
from features.agenda.calendar_file import programme_to_ics
from features.agenda.service import load_programme, running_item_id
from settings import get_settings


@ui.page("/agenda")
async def agenda_page() -> None:
    programme = await load_programme()
    with frame(t("agenda.heading"), event=programme.event if programme else None):
        heading(t("agenda.heading"))
        if programme is None:
            ui.label(t("agenda.empty"))
            return
        ui.label(t("agenda.timezone_note", timezone=get_settings().event_timezone)).classes("text-slate-600")
        ui.link(t("agenda.download_ics"), "/agenda.ics").props("download=programm.ics").mark("ics-link")
        AgendaList(programme, running_item_id(programme, utcnow()))


@app.get("/agenda.ics", include_in_schema=False)
async def agenda_calendar(request: Request) -> Response:
    programme = await load_programme()
    if programme is None:
        return Response(status_code=404)
    body = programme_to_ics(programme, request.url.hostname or "localhost", utcnow())
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="programm.ics"'},
    )
