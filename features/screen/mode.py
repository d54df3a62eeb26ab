"""What the hall screen shows, as the moderators choose it live: the wall, only the highlighted
post, only the QR code, or a pause slide (features.moderation.service.set_screen_mode), and how:
every published post or only the picked ones, with support counts or without, the pause text
(features.screen.service).

One class on the screen's root element switches the layout (features/screen/screen_modes.css), so a
change costs one small message per screen. As with the highlight, this process reads the event
once per signal and hands the state to every screen of that event (components.live.Followers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nicegui import ui

from components.i18n import t
from components.live import SKIP, Followers
from components.shared_css import share_css
from core.bus import EVENT_SETTINGS, Signal
from features.screen.service import ScreenState, current_state
from models.event import ScreenMode, ScreenSource

SCREEN_MODES_CSS = Path(__file__).resolve().parent / "screen_modes.css"
MODE_CLASSES = " ".join(f"sg-mode-{mode.value}" for mode in ScreenMode)
SOURCE_CLASSES = " ".join(f"sg-source-{source.value}" for source in ScreenSource)


class ScreenModeSwitch:
    """Puts the chosen mode on `root` (the screen's outer element) and holds the pause slide.

    `on_source(source)` shows the list the screen uses now (every published post or the picks)."""

    def __init__(self, root: ui.element, state: ScreenState) -> None:
        share_css("screen-modes", SCREEN_MODES_CSS)
        self.client = ui.context.client
        self.root = root
        self.state: ScreenState | None = None
        self.on_source: Callable[[ScreenSource], None] | None = None
        self._pause_text: ui.label | None = None
        self.show(state)

    def pause_slide(self) -> None:
        """The pause: the organisers' text (or the default one) in place of the posts, beside the
        QR code (screen_modes.css), and no "on stage" line."""
        with ui.element("section").classes("sg-screen-pause").mark("screen-pause"):
            ui.label(t("screen.pause")).classes("sg-screen-pause-title")
            self._pause_text = ui.label().classes("sg-screen-pause-text").mark("screen-pause-text")
        self._show_pause_text()

    def _show_pause_text(self) -> None:
        if self._pause_text is not None and self.state is not None:
            self._pause_text.set_text(self.state.pause_text or t("screen.pause_text"))

    def show(self, state: ScreenState) -> None:
        if state == self.state:
            return
        self.state = state
        self.root.classes(
            remove=f"{MODE_CLASSES} {SOURCE_CLASSES} sg-show-support",
            add=f"sg-mode-{state.mode.value} sg-source-{state.source.value}"
            + (" sg-show-support" if state.show_support else ""),
        )
        self._show_pause_text()
        if self.on_source is not None:
            self.on_source(state.source)


async def _read(signal: Signal, _screens: list[ScreenModeSwitch]) -> ScreenState:
    state = await current_state(signal.event_id)
    return SKIP if state is None else state


def _show(screen: ScreenModeSwitch, state: ScreenState, _signal: Signal) -> None:
    screen.show(state)


_screens: Followers[ScreenModeSwitch, ScreenState] = Followers(
    "screen-mode",
    (EVENT_SETTINGS,),
    _read,
    _show,
    again=lambda event_id: Signal(EVENT_SETTINGS, event_id),
)


def follow(event_id: int, switch: ScreenModeSwitch) -> None:
    """Keep `switch` up to date until its tab closes."""
    _screens.add(event_id, switch)
