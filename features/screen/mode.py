"""What the hall screen shows, as the moderators choose it live: the wall, only the highlighted
post, only the QR code, or a pause slide (features.moderation.service.set_screen_mode).

One class on the screen's root element switches the layout (features/screen/screen_modes.css), so a
change costs one small message per screen. As with the highlight, this process reads the event
once per signal and hands the mode to every screen of that event (components.live.Followers).
"""

from __future__ import annotations

from pathlib import Path

from nicegui import ui

from components.i18n import t
from components.live import SKIP, Followers
from components.shared_css import share_css
from core.bus import EVENT_SETTINGS, Signal
from models.event import Event, ScreenMode

SCREEN_MODES_CSS = Path(__file__).resolve().parent / "screen_modes.css"
MODE_CLASSES = " ".join(f"sg-mode-{mode.value}" for mode in ScreenMode)


class ScreenModeSwitch:
    """Puts the chosen mode on `root` (the screen's outer element) and holds the pause slide."""

    def __init__(self, root: ui.element, mode: ScreenMode) -> None:
        share_css("screen-modes", SCREEN_MODES_CSS)
        self.client = ui.context.client
        self.root = root
        self.mode: ScreenMode | None = None
        self.show(mode)

    @staticmethod
    def pause_slide() -> None:
        with ui.element("section").classes("sg-screen-pause").mark("screen-pause"):
            ui.label(t("screen.pause")).classes("sg-screen-pause-title")
            ui.label(t("screen.pause_text")).classes("sg-screen-pause-text")

    def show(self, mode: ScreenMode) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        self.root.classes(remove=MODE_CLASSES, add=f"sg-mode-{ScreenMode(mode).value}")


async def _read(signal: Signal, _screens: list[ScreenModeSwitch]) -> ScreenMode:
    stored = await Event.get_or_none(id=signal.event_id)
    return SKIP if stored is None else ScreenMode(stored.screen_mode)


def _show(screen: ScreenModeSwitch, mode: ScreenMode, _signal: Signal) -> None:
    screen.show(mode)


_screens: Followers[ScreenModeSwitch, ScreenMode] = Followers(
    "screen-mode", (EVENT_SETTINGS,), _read, _show, again=lambda event_id: Signal(EVENT_SETTINGS, event_id),
)


def follow(event_id: int, switch: ScreenModeSwitch) -> None:
    """Keep `switch` up to date until its tab closes."""
    _screens.add(event_id, switch)
