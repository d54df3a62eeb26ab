"""The one clock: every "now" the app compares with (phases, the stage, sessions, retention) comes
from `utcnow()`, so a test can put the whole app before, during or after the event without
sleeping (`frozen_at`) and nothing reads the system clock behind its back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_frozen: datetime | None = None


def utcnow() -> datetime:
    return _frozen if _frozen is not None else datetime.now(UTC)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Inside the block the app's clock stands at `moment` (timezone-aware)."""
    global _frozen
    if moment.tzinfo is None:
        raise ValueError("the clock needs a timezone-aware moment")
    previous, _frozen = _frozen, moment.astimezone(UTC)
    try:
        yield
    finally:
        _frozen = previous
