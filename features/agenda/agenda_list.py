"""The programme as a list whose "now" marker follows the stage without rebuilding the list."""

from __future__ import annotations

from nicegui import ui

from components import programme_feed
from components.i18n import local_time, localized, t
from components.text import content
from features.agenda.service import Programme

RUNNING_CLASSES = "border-l-8 border-amber-500 bg-amber-50"


class AgendaList:
    """Moving the marker only toggles a badge; an edited programme (organisers in /admin) is
    laid out again, which happens rarely enough to rebuild the short list."""

    def __init__(self, programme: Programme, running_id: int | None) -> None:
        self.client = ui.context.client
        self._cards: dict[int, ui.element] = {}
        self._badges: dict[int, ui.element] = {}
        with ui.element("div").classes("w-full") as self._box:
            self._build(programme)
        self.show_running(running_id)
        programme_feed.follow(programme.event.id, self)

    def _build(self, programme: Programme) -> None:
        self._cards.clear()
        self._badges.clear()
        if not programme.items:
            ui.label(t("agenda.empty")).mark("agenda-empty")
            return
        with ui.element("ol").classes("flex flex-col gap-3 list-none p-0 m-0"):
            for item in programme.items:
                with ui.element("li").classes("bg-white rounded shadow-sm p-4 flex flex-col gap-1") as card:
                    with ui.row().classes("items-center gap-3"):
                        ui.label(
                            t("agenda.time", start=local_time(item.starts_at), end=local_time(item.ends_at))
                        ).classes("font-mono text-slate-700")
                        badge = ui.label(t("agenda.now")).classes(
                            "bg-amber-700 text-white text-sm font-bold rounded px-2"
                        ).mark("now-badge")
                    content("div", localized(item, "title")).classes("text-lg font-semibold").mark("agenda-title")
                    if item.description or item.description_en:
                        content("div", localized(item, "description")).classes(
                            "text-slate-700 whitespace-pre-line"
                        ).mark("agenda-description")
                    if item.speakers:
                        ui.label(t("agenda.speakers", speakers=item.speakers)).classes("text-slate-600")
                    if item.location:
                        ui.label(t("agenda.location", location=item.location)).classes("text-slate-600")
                self._cards[item.id] = card.mark(f"agenda-item-{item.id}")
                self._badges[item.id] = badge

    def new_programme(self, programme: Programme, running_id: int | None) -> None:
        self._box.clear()
        with self._box:
            self._build(programme)
        self.show_running(running_id)

    def show_running(self, running_id: int | None) -> None:
        for item_id, card in self._cards.items():
            running = item_id == running_id
            self._badges[item_id].set_visibility(running)
            if running:
                card.classes(add=RUNNING_CLASSES).props("aria-current=true")
            else:
                card.classes(remove=RUNNING_CLASSES).props(remove="aria-current")
