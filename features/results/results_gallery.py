"""The results gallery: one element for all cards, filtered in the browser, searched on the server.

Two hundred cards as NiceGUI elements would cost a few thousand server-side elements per visitor;
as one Vue component they cost one list sent once. A search sends back matching ids only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from nicegui import ui

from components.shared_css import share_css
from features.results.service import ResultCard

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

    async def search(self, query: str) -> list[int] | None:
        """Ask the server which results match; None shows all again."""
        matches = await self._on_search(query)
        self.run_method("setMatches", matches)
        return matches
