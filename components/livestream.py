"""The livestream player, loaded only after the visitor asks for it: no request to a third party before.

Shared by `/` and `/live`. What the organisers stored decides what the player is
(features.home.livestream_url): a YouTube video in a no-cookie iframe, a video file in the
browser's own `<video>`, or a link to another page. The accessible extras follow the same rule of
"nothing before a click": captions become the `<video>`'s track (WebVTT) or a link to the live
captions, and the sign-language (DGS) stream is a switch that appears once the stream is loaded,
shown as picture-in-picture or side by side (the viewer's choice, remembered in the browser).
On `/live` the player can be collapsed to its heading bar, so a phone keeps room for the wall;
the player keeps running meanwhile (hidden, not removed), so the sound goes on.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from nicegui import ui

from components.i18n import t
from components.shared_css import share_css
from components.text import heading
from features.home.livestream_url import (
    StreamKind,
    StreamSource,
    captions_track_url,
    captions_url_allowed,
    stream_source,
)
from features.system.headers import allow_stream_source

__all__ = ["LAYOUT_KEY", "Livestream"]

LIVESTREAM_CSS = Path(__file__).with_suffix(".css")
LAYOUT_KEY = "sg-dgs-layout"  # the viewer's choice of DGS layout, in the browser's localStorage
LAYOUTS = ("pip", "side")
PLAYABLE = (StreamKind.EMBED, StreamKind.VIDEO)
IFRAME_ALLOW = "autoplay; encrypted-media; picture-in-picture; fullscreen"
# Quasar's primary blue is too light on white for text and controls (WCAG 1.4.3, 1.4.11)
ACCENT = "blue-10"


class Livestream:
    """The player section; `section` is its outer element, for the page's layout classes."""

    def __init__(
        self, url: str, *, captions_url: str = "", sign_language_url: str = "", collapsible: bool = False
    ) -> None:
        share_css("livestream", LIVESTREAM_CSS)
        self.source = stream_source(url)
        self.sign_language = stream_source(sign_language_url)
        self.sign_language_url = sign_language_url.strip() if self.sign_language.kind is not StreamKind.NONE else ""
        captions = (captions_url or "").strip()
        self.track = captions_track_url(captions) if self.source.kind is StreamKind.VIDEO else None
        self.captions_link = captions if captions and self.track is None and captions_url_allowed(captions) else ""
        for source in (self.source, self.sign_language):  # the page's Content-Security-Policy allows their host
            if source.kind in (StreamKind.EMBED, StreamKind.VIDEO):
                allow_stream_source("frame-src" if source.kind is StreamKind.EMBED else "media-src", source.src)
        if self.track is not None:
            allow_stream_source("media-src", self.track)
        self.expanded = True
        self.layout = LAYOUTS[0]
        self.toggle: ui.button | None = None
        self.sign_language_switch: ui.switch | None = None
        self.layout_choice: ui.radio | None = None
        self._sign_language_box: ui.element | None = None
        with ui.element("section").props("aria-labelledby=livestream-heading").classes(
            "sg-stream block bg-white rounded shadow-sm p-4"
        ).mark("livestream") as self.section:
            with ui.element("div").classes("sg-stream-bar"):
                heading(t("livestream.heading"), 2).props("id=livestream-heading")
                if collapsible and self.source.kind in PLAYABLE:
                    self.toggle = ui.button(t("livestream.collapse"), on_click=self.toggle_video).props(
                        f"flat dense no-caps color={ACCENT} aria-expanded=true aria-controls=livestream-body"
                    ).mark("livestream-toggle")
            with ui.element("div").props("id=livestream-body").classes("sg-stream-body"):
                self._build_body()

    def _build_body(self) -> None:
        kind = self.source.kind
        if kind is StreamKind.NONE:
            ui.label(t("livestream.none"))
        elif kind is StreamKind.PAGE:
            ui.link(t("livestream.open_external"), self.source.src, new_tab=True).mark("livestream-link")
        else:
            with (
                ui.element("div").classes("sg-stream-stage") as self._stage,
                ui.element("div").classes("sg-stream-box sg-stream-waiting") as self._box,
                ui.element("div").classes("sg-stream-consent"),
            ):
                ui.label(t("livestream.consent" if kind is StreamKind.EMBED else "livestream.consent_video",
                           host=urlparse(self.source.src).hostname or "")).classes("max-w-prose")
                ui.button(t("livestream.load"), on_click=self._load).props(
                    "color=amber-4 text-color=black no-caps"
                ).mark("load-livestream")
        with ui.element("div").classes("sg-stream-controls") as self._controls:
            if self.captions_link:
                ui.link(t("livestream.captions_link"), self.captions_link, new_tab=True).mark("captions-link")
            if kind is StreamKind.PAGE and self.sign_language_url:
                self._sign_language_link()

    def _sign_language_link(self) -> None:
        ui.link(t("livestream.sign_language_open"), self.sign_language_url, new_tab=True).mark("sign-language-link")

    def _load(self) -> None:
        self._box.clear()
        self._box.classes(remove="sg-stream-waiting")
        with self._box:
            _player(self.source, t("livestream.frame_title"), self.track).mark("livestream-frame")
        if self.sign_language.kind is StreamKind.PAGE:
            with self._controls:
                self._sign_language_link()
        elif self.sign_language.kind in PLAYABLE:
            with self._controls:
                self.sign_language_switch = ui.switch(
                    t("livestream.sign_language_switch"), on_change=lambda e: self.show_sign_language(bool(e.value))
                ).props(f"color={ACCENT}").mark("sign-language-switch")
                self.layout_choice = ui.radio(
                    {layout: t(f"livestream.sign_language_{layout}") for layout in LAYOUTS},
                    value=self.layout, on_change=lambda e: self.choose_layout(str(e.value)),
                ).props(f"inline color={ACCENT} role=radiogroup").mark("sign-language-layout")
                self.layout_choice.props["aria-label"] = t("livestream.sign_language_layout")
                self.layout_choice.set_visibility(False)

    async def show_sign_language(self, on: bool) -> None:
        """The DGS stream beside or inside the main one; off removes it (its request ends with it)."""
        if self.layout_choice is None:
            return
        if not on:
            if self._sign_language_box is not None:
                self._sign_language_box.delete()
                self._sign_language_box = None
            self._stage.classes(remove=" ".join(f"sg-dgs-{layout}" for layout in LAYOUTS))
            self.layout_choice.set_visibility(False)
            return
        if self._sign_language_box is not None:
            return
        remembered = await _remembered_layout()
        if self._sign_language_box is not None or not (self.sign_language_switch and self.sign_language_switch.value):
            return  # switched off (or on twice) while the browser answered
        if remembered in LAYOUTS:
            self.layout = remembered
            self.layout_choice.value = remembered
        with self._stage, ui.element("div").classes("sg-stream-box sg-stream-dgs") as self._sign_language_box:
            _player(self.sign_language, t("livestream.sign_language_title"), None).mark("sign-language-frame")
        self._apply_layout()
        self.layout_choice.set_visibility(True)

    def choose_layout(self, layout: str) -> None:
        """Picture-in-picture or side by side; anything else (a forged event) is ignored."""
        if layout not in LAYOUTS or layout == self.layout:
            return
        self.layout = layout
        ui.run_javascript(f"localStorage.setItem('{LAYOUT_KEY}', '{layout}')")
        self._apply_layout()

    def _apply_layout(self) -> None:
        if self._sign_language_box is None:
            return
        others = [f"sg-dgs-{layout}" for layout in LAYOUTS if layout != self.layout]
        self._stage.classes(add=f"sg-dgs-{self.layout}", remove=" ".join(others))

    def toggle_video(self) -> None:
        """Collapse the player to its bar and back; the stream keeps running while hidden."""
        if self.toggle is None:
            return
        self.expanded = not self.expanded
        if self.expanded:
            self.section.classes(remove="sg-stream-collapsed")
        else:
            self.section.classes(add="sg-stream-collapsed")
        self.toggle.text = t("livestream.collapse" if self.expanded else "livestream.expand")
        self.toggle.props["aria-expanded"] = "true" if self.expanded else "false"


def _player(source: StreamSource, title: str, track: str | None) -> ui.element:
    """The iframe (embed) or `<video>` (file) for an address the URL rules accepted."""
    if source.kind is StreamKind.EMBED:
        player = ui.element("iframe").classes("sg-stream-media")
        player.props.update(src=source.src, title=title, allow=IFRAME_ALLOW, allowfullscreen=True,
                            referrerpolicy="strict-origin-when-cross-origin")
        return player
    player = ui.element("video").classes("sg-stream-media")
    player.props.update({"src": source.src, "title": title, "aria-label": title, "controls": True,
                         "playsinline": True, "preload": "metadata"})
    if track is not None:
        player.props["crossorigin"] = "anonymous"  # a track from another host is fetched with CORS
        with player:
            ui.element("track").props.update(kind="captions", default=True, srclang="de",
                                              label=t("livestream.captions_track"), src=track)
    return player


async def _remembered_layout() -> str | None:
    """The layout this browser chose last time, if it answers in time (it only changes the default)."""
    try:
        value = await ui.run_javascript(f"localStorage.getItem('{LAYOUT_KEY}')", timeout=1.0)
    except TimeoutError:
        return None
    return value if isinstance(value, str) else None
