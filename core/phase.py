"""The participation phase: contributions are accepted from `opens` up to (not including) `closes`."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from core.errors import ServiceError
from models.event import Event


class PhaseState(StrEnum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


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
