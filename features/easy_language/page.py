"""`/leichte-sprache`: a short explanation of the event and how to take part, in Leichte Sprache.

Organisers write it in /admin (event tab, German and English); where they left it empty, a
built-in explanation from the catalogue shows, with the event's date and times filled in. Their
text is shown as paragraphs (split on blank lines), always as text, never as HTML; an English
reader without an English text reads the German, marked lang="de" (components.i18n).
"""

from __future__ import annotations

from nicegui import ui

from components.frame import EASY_LANGUAGE_PATH, frame
from components.i18n import Localized, local_date, local_time, localized, t
from components.text import heading, paragraphs
from features.agenda.service import current_event
from models.event import Event


def explanation(event: Event) -> Localized:
    """The organisers' text in the reader's language, or the built-in one."""
    written = localized(event, "easy_language_text")
    if written.text.strip():
        return written
    default = t("content.easy.default", date=local_date(event.starts_at), start=local_time(event.starts_at),
                end=local_time(event.ends_at))
    return Localized(default, fell_back=False)


@ui.page(EASY_LANGUAGE_PATH)
async def easy_language_page() -> None:
    event = await current_event()
    with frame(t("content.easy.heading"), event=event):
        heading(t("content.easy.heading"))
        if event is None:
            ui.label(t("home.no_event"))
            return
        with ui.element("div").classes("flex flex-col gap-5 text-lg leading-relaxed").mark("easy-text"):
            paragraphs(explanation(event))
        with ui.element("nav").classes("flex flex-col gap-3 text-lg") as ways_in:
            ways_in.props["aria-label"] = t("content.easy.ways_in")
            ui.link(t("home.to_wall"), "/wall").classes("font-semibold")
            ui.link(t("home.to_agenda"), "/agenda").classes("font-semibold")
            ui.link(t("home.to_results"), "/results").classes("font-semibold")
