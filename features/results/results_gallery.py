"""The results gallery: one element for all cards, filtered in the browser, searched on the server.

Two hundred cards as NiceGUI elements would cost a few thousand server-side elements per visitor;
as one Vue component they cost one list sent once. A search sends back matching ids only.

Open galleries follow RESULTS (components.live): the cards are read once per signal and process
and sent to every open gallery of the event as one message per element id and language (encoded
once per language: each card carries its texts in the reader's language, chosen on the server by
components.i18n, with the `lang` of any German standing in for a missing English text).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from nicegui import ui

import locales
from components.i18n import choose, current_language, localized
from components.live import Followers, broadcast, still_open
from components.shared_css import share_css
from core.bus import Signal
from features.results.service import RESULTS, ResultCard, gallery, list_topics
from models.result import Topic

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
        topics: list[Topic],
        labels: dict[str, str],
        topic: int | None,
        query: str,
        matches: list[int] | None,
        on_search: Callable[[str], Awaitable[list[int] | None]],
    ) -> None:
        super().__init__()
        share_css("results-gallery", GALLERY_CSS)
        self._on_search = on_search
        self.language = current_language()
        self._props.update(
            cards=card_dicts(cards, self.language), topics=topic_dicts(topics, self.language), labels=labels,
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


def topic_dicts(topics: list[Topic], language: str) -> list[dict[str, Any]]:
    """The topic filter's buttons: `lang` is "de" where German stands in for the English name."""
    shown = [(item, localized(item, "name", language)) for item in topics]
    return [{"id": item.id, "name": name.text, "lang": name.lang, "colour": item.colour} for item, name in shown]


def card_dicts(cards: list[ResultCard], language: str) -> list[dict[str, Any]]:
    """The cards as the browser gets them, in `language`: each text with its `*_lang`."""
    shown = []
    for card in cards:
        row = asdict(card)
        for name in ("title", "summary", "topic"):
            text = choose(row[name], row.pop(f"{name}_en"), language)
            row[name], row[f"{name}_lang"] = text.text, text.lang
        if row["thumb"] is not None:
            alt = choose(row["thumb"]["alt"], row["thumb"].pop("alt_en"), language)
            row["thumb"]["alt"], row["thumb"]["alt_lang"] = alt.text, alt.lang
        shown.append(row)
    return shown


Answer = dict[str, Cards]  # by language


async def _read(signal: Signal, _galleries: list[ResultsGallery]) -> Answer:
    """Every card and topic of the event, once per signal for every open gallery (in each language)."""
    cards, topics = await gallery(signal.event_id), await list_topics(signal.event_id)
    return {language: (card_dicts(cards, language), topic_dicts(topics, language)) for language in locales.LANGUAGES}


def _show(one: ResultsGallery, answer: Answer, _signal: Signal) -> None:
    one.set_cards(*answer[one.language])


class _Galleries(Followers[ResultsGallery, Answer]):
    async def fan_out(self, signal: Signal, answer: Answer, followers: list[ResultsGallery]) -> None:
        connected: dict[str, list[ResultsGallery]] = {}
        for one in followers:
            if not still_open(one):  # closed while the cards were read
                continue
            if one.client.has_socket_connection:
                one.remember(*answer[one.language])
                connected.setdefault(one.language, []).append(one)
            else:
                await self.deliver_one(one, answer, signal)
        for language, galleries in connected.items():
            await broadcast("setCards", list(answer[language]), galleries)


_galleries = _Galleries("results-gallery", (RESULTS,), _read, _show, again=lambda event_id: Signal(RESULTS, event_id))


def follow(event_id: int, one: ResultsGallery) -> None:
    """Keep `one` showing the event's cards as organisers change them, until its tab closes."""
    _galleries.add(event_id, one)
