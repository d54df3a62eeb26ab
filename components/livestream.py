"""The livestream, loaded only after the visitor asks for it: no request to a third party before."""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.text import heading
from features.home.livestream_url import youtube_embed_url

__all__ = ["Livestream", "youtube_embed_url"]


class Livestream:
    def __init__(self, url: str) -> None:
        with ui.element("section").props('aria-labelledby=livestream-heading').classes(
            "block bg-white rounded shadow-sm p-4 space-y-3"
        ):
            heading(t("livestream.heading"), 2).props("id=livestream-heading")
            embed = youtube_embed_url(url) if url else None
            if embed is None:
                if url.startswith("https://"):
                    ui.link(t("livestream.open_external"), url, new_tab=True)
                else:
                    ui.label(t("livestream.none"))
                return
            self._embed = embed
            with ui.element("div").classes("bg-slate-800 text-white rounded overflow-hidden").style(
                "position: relative; width: 100%; aspect-ratio: 16 / 9; min-height: 16rem"
            ) as self._box, ui.column().classes("items-center justify-center gap-3 p-4 text-center").style(
                "position: absolute; inset: 0"
            ):
                ui.label(t("livestream.consent")).classes("max-w-prose")
                ui.button(t("livestream.load"), on_click=self._load).props(
                    "color=amber-4 text-color=black no-caps"
                ).mark("load-livestream")

    def _load(self) -> None:
        self._box.clear()
        with self._box:
            ui.element("iframe").props(
                f'src="{self._embed}" title="{t("livestream.frame_title")}" '
                'allow="autoplay; encrypted-media; picture-in-picture; fullscreen" '
                'allowfullscreen referrerpolicy="strict-origin-when-cross-origin"'
            ).style("position: absolute; inset: 0; width: 100%; height: 100%; border: 0").mark("livestream-frame")
