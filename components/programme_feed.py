"""The programme and its "now" marker, for every page that shows them (the agenda list, the home
page's "now on stage", the hall screen's banner), as one follower of components.live.

A moved marker (AGENDA_NOW) needs no read: the signal says which item runs. An edited programme
(AGENDA_NOW with AGENDA_CHANGED, from organisers in /admin or the catch-up after a gap) is read
once per signal and process and handed to every tab that shows it. The programme handed out is
shared by those tabs: READ ONLY.
"""

from __future__ import annotations

from typing import Protocol

from nicegui import Client

from components.live import SKIP, Followers
from core.bus import AGENDA_CHANGED, AGENDA_NOW, Signal
from features.agenda.service import Programme, load_programme, running_item_id, utcnow


class FollowsProgramme(Protocol):
    client: Client

    def show_running(self, running_id: int | None) -> None: ...

    def new_programme(self, programme: Programme, running_id: int | None) -> None: ...


Answer = tuple[Programme | None, int | None]  # no programme: only the marker moved


async def read_programme(signal: Signal) -> Answer:
    """What the followers need to show after `signal` (shared with the moderation console)."""
    if not signal.ids.get(AGENDA_CHANGED):
        return None, signal.ids.get("item_id")
    programme = await load_programme(signal.event_id)
    if programme is None:
        return SKIP
    # a tab catching up after a reconnect does not know what runs: the programme says
    running = signal.ids["item_id"] if "item_id" in signal.ids else running_item_id(programme, utcnow())
    return programme, running


async def _read(signal: Signal, _followers: list[FollowsProgramme]) -> Answer:
    return await read_programme(signal)


def _show(follower: FollowsProgramme, answer: Answer, _signal: Signal) -> None:
    programme, running = answer
    if programme is None:
        follower.show_running(running)
    else:
        follower.new_programme(programme, running)


def everything_again(event_id: int) -> Signal:
    """The signal that re-syncs a tab that was away: the programme as it is, and what runs now."""
    return Signal(AGENDA_NOW, event_id, {AGENDA_CHANGED: 1})


_followers: Followers[FollowsProgramme, Answer] = Followers(
    "programme", (AGENDA_NOW,), _read, _show, again=everything_again,
)


def follow(event_id: int, follower: FollowsProgramme) -> None:
    """Keep `follower` showing the programme and what runs now until its tab closes."""
    _followers.add(event_id, follower)


def followers(event_id: int) -> int:
    return _followers.count(event_id)
