"""The results gallery: one element for all cards, filtered in the browser, searched on the server.

Two hundred cards as NiceGUI elements would cost a few thousand server-side elements per visitor;
as one Vue component they cost one list sent once. A search sends back matching ids only.

Open galleries follow RESULTS (components.live): the cards are read once per signal and process
and sent to every open gallery of the event as one message per element id (encoded once).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from nicegui import ui

from components.live import Followers, broadcast, still_open
from components.shared_css import share_css
from core.bus import Signal
from features.results.service import RESULTS, ResultCard, gallery, list_topics

GALLERY_CSS = """
.sg-topic { border-color: #1e3a8a; color: #1e3a8a; background: #fff; }
.sg-topic[aria-pressed="true"] { background: #1e3a8a; color: #fff; }
.sg-topic:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
"""


class ResultsGallery(ui.element, component="results_gallery.js"):
    def __init__(
        self,
        cards: list[ResultCard],
        *,
        topics: list[dict[str, Any]],
        labels: dict[str, str],
        topic: int | None,
        query: str,
        matches: list[int] | None,
        on_search: Callable[[str], Awaitable[list[int] | None]],
    ) -> None:
        super().__init__()
        share_css("results-gallery", GALLERY_CSS)
        self._on_search = on_search
        self._props.update(
            cards=[asdict(card) for card in cards], topics=topics, labels=labels,
            initialTopic=topic, initialQuery=query, initialMatches=matches,
        )
        self.on("search", lambda e: self.search(str(e.args or "")))

    def remember(self, cards: list[dict[str, Any]], topics: list[dict[str, Any]]) -> None:
        """The browser gets the cards by broadcast: keep the server's props in step (shared lists)."""
        self._props.update(cards=cards, topics=topics)

    def set_cards(self, cards: list[dict[str, Any]], topics: list[dict[str, Any]]) -> None:
        """This tab alone, through its ordered outbox (no socket right now, or catching up)."""
        self.remember(cards, topics)
        self.run_method("setCards", cards, topics)

    async def search(self, query: str) -> list[int] | None:
        """Ask the server which results match; None shows all again."""
        matches = await self._on_search(query)
        self.run_method("setMatches", matches)
        return matches


Cards = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def topic_dicts(topics: list[Any]) -> list[dict[str, Any]]:
    return [{"id": item.id, "name": item.name, "colour": item.colour} for item in topics]


async def _read(signal: Signal, _galleries: list[ResultsGallery]) -> Cards:
    """Every card and topic of the event, once per signal for every open gallery."""
    return [asdict(card) for card in await gallery(signal.event_id)], topic_dicts(await list_topics(signal.event_id))


def _show(one: ResultsGallery, answer: Cards, _signal: Signal) -> None:
    one.set_cards(*answer)


class _Galleries(Followers[ResultsGallery, Cards]):
    async def fan_out(self, signal: Signal, answer: Cards, followers: list[ResultsGallery]) -> None:
        connected = []
        for one in followers:
            if not still_open(one):  # closed while the cards were read
                continue
            if one.client.has_socket_connection:
                one.remember(*answer)
                connected.append(one)
            else:
                await self.deliver_one(one, answer, signal)
        await broadcast("setCards", list(answer), connected)


_galleries = _Galleries("results-gallery", (RESULTS,), _read, _show, again=lambda event_id: Signal(RESULTS, event_id))


def follow(event_id: int, one: ResultsGallery) -> None:
    """Keep `one` showing the event's cards as organisers change them, until its tab closes."""
    _galleries.add(event_id, one)
