"""The post form's hint: where a post appears, truthfully for the moderation mode and the phase,
kept true in every open wall when the moderators switch the mode during the event.

At once in post-moderation, "sobald die Moderation ihn freigibt" in pre-moderation; on the hall
screen only while the conference is live. This process reads the event once per EVENT_SETTINGS
signal and hands it to every open wall of that event (components.live.Followers).
"""

from __future__ import annotations

from datetime import datetime

from nicegui import ui

from components.i18n import t
from components.live import SKIP, Followers
from core.bus import EVENT_SETTINGS, Signal
from core.clock import utcnow
from core.phase import EventPhase, event_phase
from models.event import Event, ModerationMode


def appears_key(event: Event, now: datetime) -> str:
    """The text key of where a post shows for `event` at `now`."""
    on_screen = event_phase(event, now) is EventPhase.LIVE
    pre = event.moderation_mode == ModerationMode.PRE
    return f"wall.appears{'_live' if on_screen else ''}{'_pre' if pre else ''}"


class PostHint(ui.label):
    def __init__(self, event: Event, now: datetime) -> None:
        super().__init__(t(appears_key(event, now)))
        self.mark("post-hint")
        _hints.add(event.id, self)

    def show(self, event: Event) -> None:
        self.set_text(t(appears_key(event, utcnow())))


async def _read(signal: Signal, _hints: list[PostHint]) -> Event:
    stored = await Event.get_or_none(id=signal.event_id)
    return SKIP if stored is None else stored


def _show(hint: PostHint, event: Event, _signal: Signal) -> None:
    hint.show(event)


_hints: Followers[PostHint, Event] = Followers(
    "wall-post-hint", (EVENT_SETTINGS,), _read, _show, again=lambda event_id: Signal(EVENT_SETTINGS, event_id),
)
