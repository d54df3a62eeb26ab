"""Where the event is in time, computed in one place from its times and used by every page.

Two questions, two answers:
- `event_phase`: before, live, after (participation still open) or closed: what the pages say.
- `phase_state`: whether contributions are accepted at all (from `participation_opens_at` up to,
  not including, `participation_closes_at`); `wall_accepts` adds the rule for the live wall, which
  after the conference is read-only unless the organisers keep it open.
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
        raise ServiceError("participation.closed")
