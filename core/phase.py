"""Where the event is in time, computed in one place from its times and used by every page.

Two questions, two answers:
- `event_phase`: before, live, after (participation still open) or closed: what the pages say.
- `phase_state`: whether contributions are accepted at all (from `participation_opens_at` up to,
  not including, `participation_closes_at`): comments and proposals on results follow it, so
  they stay open after the conference until participation closes.
- `wall_state` / `wall_accepts` / `require_wall_open`: the rule for the live wall, which opens
  with the conference (`wall_opens_at`) and after it is read-only unless the organisers keep it
  open (`wall_open_after_event`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from core.errors import ServiceError
from models.event import Event


class EventPhase(StrEnum):
    BEFORE = "before"
    LIVE = "live"
    AFTER = "after"  # the conference is over, results stay open for comments
    CLOSED = "closed"  # participation has ended: everything readable, nothing to write


class PhaseState(StrEnum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


def event_phase(event: Event, now: datetime) -> EventPhase:
    if event.participation_closes_at is not None and now >= event.participation_closes_at:
        return EventPhase.CLOSED
    if now < event.starts_at:
        return EventPhase.BEFORE
    if now < event.ends_at:
        return EventPhase.LIVE
    return EventPhase.AFTER


def phase_state(event: Event, now: datetime) -> PhaseState:
    if event.participation_opens_at is not None and now < event.participation_opens_at:
        return PhaseState.NOT_OPEN
    if event.participation_closes_at is not None and now >= event.participation_closes_at:
        return PhaseState.CLOSED
    return PhaseState.OPEN


def require_open(event: Event, now: datetime) -> None:
    state = phase_state(event, now)
    if state is PhaseState.NOT_OPEN:
        raise ServiceError("participation.not_open", opens_at=event.participation_opens_at)
    if state is PhaseState.CLOSED:
        raise ServiceError("participation.closed", closed_at=event.participation_closes_at)


class WallState(StrEnum):
    """What the live wall accepts: its own rule on top of the participation window."""

    NOT_YET = "not_yet"  # before the conference (or before participation opens): says from when
    OPEN = "open"
    READ_ONLY = "read_only"  # the conference is over; the results stay open for comments
    CLOSED = "closed"  # participation has ended


def wall_opens_at(event: Event) -> datetime:
    """The wall opens with the conference, and not before participation opens."""
    opens = event.participation_opens_at
    return max(event.starts_at, opens) if opens is not None else event.starts_at


def wall_state(event: Event, now: datetime) -> WallState:
    """Before: nothing yet. Live: open. After: read-only unless the organisers keep the wall open
    (`wall_open_after_event`). Closed: nothing."""
    phase = event_phase(event, now)
    if phase is EventPhase.CLOSED:
        return WallState.CLOSED
    if now < wall_opens_at(event):
        return WallState.NOT_YET
    if phase is EventPhase.AFTER and not event.wall_open_after_event:
        return WallState.READ_ONLY
    return WallState.OPEN


def wall_accepts(event: Event, now: datetime) -> bool:
    return wall_state(event, now) is WallState.OPEN


def require_wall_open(event: Event, now: datetime) -> None:
    """The service's check before a wall post: a refusal that says why, and until or from when."""
    state = wall_state(event, now)
    if state is WallState.NOT_YET:
        raise ServiceError("wall.not_open", opens_at=wall_opens_at(event))
    if state is WallState.READ_ONLY:
        raise ServiceError("wall.read_only")
    if state is WallState.CLOSED:
        require_open(event, now)
