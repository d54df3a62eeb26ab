"""The moderators' "Auf die Leinwand" list on the hall screen (the screen setting "only posts a
moderator picked"), in their order, without the post in focus (it is shown large above).

A pick, a move, a hide or new support changes one post and sends CONTRIBUTION: this process
reads the picked list once per signal and hands it to every screen of the event
(components.live.Followers). The list is short, so a change redraws it.
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from components.i18n import t
from components.live import Followers
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal
from features.contributions.service import view_of
from features.screen.service import picked_contributions


class ScreenPicks:
    """One screen's picked list; text only through labels, so a post is never HTML."""

    def __init__(self, views: list[dict[str, Any]], *, agenda_titles: dict[int, str], limit: int) -> None:
        self.client = ui.context.client
        self._agenda_titles = agenda_titles
        self._limit = limit
        self.views: list[dict[str, Any]] | None = None
        with ui.element("section").classes("sg-screen-picks").mark("screen-picks") as self.area:
            self._list = (
                ui.element("ol")
                .classes("list-none p-0 m-0 flex flex-col")
                .props(f'aria-label="{t("screen.picks_label")}"')
            )
            self._empty = ui.label(t("screen.picks_empty")).classes("sg-empty").mark("screen-picks-empty")
        self.show(views)

    @property
    def shown_texts(self) -> list[str]:
        return [view["text"] for view in self.views or []]

    def show(self, views: list[dict[str, Any]]) -> None:
        """Show the picks in order, the highlighted one left out (it is in focus); a repeat costs nothing."""
        views = [view for view in views if not view["highlighted"]][: self._limit]
        if views == self.views:
            return
        self.views = views
        self._list.clear()
        with self._list:
            for view in views:
                with ui.element("li").classes("sg-card rounded sg-screen-card").props(f"data-id={view['id']}"):
                    with ui.element("div").classes("sg-meta flex flex-wrap gap-x-2 text-sm"):
                        ui.label(view["nickname"] or t("wall.anonymous")).classes("font-semibold")
                        ui.label(view["time"])
                        if view["channel"] == "hall":
                            ui.label(t("wall.hall"))
                        if title := self._agenda_titles.get(view["agenda_item_id"]):
                            ui.label(title)
                        ui.label(t("screen.supporters", count=view["votes"])).classes("sg-screen-votes")
                    ui.label(view["text"]).classes("sg-text m-0 whitespace-pre-line break-words")
        self._empty.set_visibility(not views)


async def current_views(event_id: int) -> list[dict[str, Any]]:
    return [view_of(item).as_dict() for item in await picked_contributions(event_id)]


async def _read(signal: Signal, _screens: list[ScreenPicks]) -> list[dict[str, Any]]:
    return await current_views(signal.event_id)


def _show(screen: ScreenPicks, views: list[dict[str, Any]], _signal: Signal) -> None:
    screen.show(views)


_screens: Followers[ScreenPicks, list[dict[str, Any]]] = Followers(
    "screen-picks",
    (CONTRIBUTION, CONTRIBUTIONS_PURGED),
    _read,
    _show,
    again=lambda event_id: Signal(CONTRIBUTION, event_id),
)


def follow(event_id: int, picks: ScreenPicks) -> None:
    """Keep `picks` up to date until its tab closes."""
    _screens.add(event_id, picks)
