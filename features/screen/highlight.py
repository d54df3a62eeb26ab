"""The post moderators picked, shown large on the hall screen, and hidden when there is none.

Any contribution signal can move the highlight (a new pick, the old one hidden), and the signal
does not say which. So this process asks the database once per signal for the highlighted post
and hands the answer to every screen of that event: one query per signal, not one per screen
(components.live.Followers).
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from components.i18n import t
from components.live import Followers
from components.official_answer import official_line
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal
from features.contributions.service import view_of
from features.moderation.service import highlighted_contribution


class ScreenHighlight:
    """One screen's highlight area; text only through labels, so a post is never HTML."""

    def __init__(
        self, view: dict[str, Any] | None, *, agenda_titles: dict[int, str], root: ui.element | None = None
    ) -> None:
        """`root` (the screen's outer element) gets `sg-has-highlight` while a post is shown: the
        "highlight" mode without one shows the wall instead of half a black screen."""
        self.client = ui.context.client
        self._root = root
        self._agenda_titles = agenda_titles
        self._view: dict[str, Any] | None = None
        with ui.element("section").classes("sg-screen-highlight").mark("screen-highlight") as self.area:
            ui.label(t("screen.highlight")).classes("sg-screen-highlight-label")
            self._text = ui.label().classes("sg-screen-highlight-text").mark("screen-highlight-text")
            self._meta = ui.label().classes("sg-screen-highlight-meta").mark("screen-highlight-meta")
            self._official = ui.label().classes("sg-screen-highlight-official").mark("screen-highlight-official")
        self.show(view)

    @property
    def shown_id(self) -> int | None:
        return self._view["id"] if self._view else None

    def show(self, view: dict[str, Any] | None) -> None:
        """Fill the area with `view`, or hide it; nothing is sent when nothing changed."""
        if view == self._view and self.area.visible == (view is not None):
            return
        self._view = view
        if self._root is not None:
            self._root.classes(**{"add" if view is not None else "remove": "sg-has-highlight"})
        if view is None:
            self.area.set_visibility(False)
            return
        meta = [view["nickname"] or t("wall.anonymous"), view["time"]]
        if view["channel"] == "hall":
            meta.append(t("wall.hall"))
        if title := self._agenda_titles.get(view["agenda_item_id"]):
            meta.append(title)
        self._text.set_text(view["text"])
        self._meta.set_text(" · ".join(meta))
        self._official.set_text(official_line(view))
        self._official.set_visibility(bool(view.get("official_status")))
        self.area.set_visibility(True)


async def current_view(event_id: int) -> dict[str, Any] | None:
    contribution = await highlighted_contribution(event_id)
    return view_of(contribution).as_dict() if contribution is not None else None


async def _read(signal: Signal, _screens: list[ScreenHighlight]) -> dict[str, Any] | None:
    return await current_view(signal.event_id)


def _show(screen: ScreenHighlight, view: dict[str, Any] | None, _signal: Signal) -> None:
    screen.show(view)


# a purge may take the highlighted post too
_screens: Followers[ScreenHighlight, dict[str, Any] | None] = Followers(
    "screen-highlight", (CONTRIBUTION, CONTRIBUTIONS_PURGED), _read, _show,
    again=lambda event_id: Signal(CONTRIBUTION, event_id),
)


def follow(event_id: int, highlight: ScreenHighlight) -> None:
    """Keep `highlight` up to date until its tab closes."""
    _screens.add(event_id, highlight)
