"""The registry of signal kinds: every kind a process may publish, each with the catch-up that
re-announces it after this process could not hear the bus for a while.

A kind is registered once, by the module that owns what it announces (features register theirs
on import: core imports no feature). Publishing a kind nobody registered is an error, so a new
kind cannot be added without saying how a process that missed it gets back in step. A kind that
never crosses the bus (BUS_STATE) says so, and why, instead of giving a catch-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Signal:
    """What changed, as a kind, the event (conference) id and a few ids; never text."""

    kind: str
    event_id: int
    ids: dict[str, int | None] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"k": self.kind, "e": self.event_id, "i": self.ids}, separators=(",", ":"))

    @classmethod
    def from_json(cls, payload: str) -> Signal:
        data = json.loads(payload)
        return cls(str(data["k"]), int(data["e"]), {str(k): v for k, v in data.get("i", {}).items()})


CatchUp = Callable[[datetime], Awaitable[list[Signal]]]
"""Given a moment (the safety margin already taken off), the signals that re-announce what changed
since. Handlers take every signal as "this changed, show its current state", and browser lists
are keyed by id, so announcing a thing twice never shows it twice."""

# Clocks of database and app may differ a little, and a transaction may commit a moment after
# it stamped its rows: look back a bit further than the gap itself.
SAFETY_MARGIN = timedelta(seconds=5)


class UnknownSignalKind(ValueError):
    """A signal of a kind no module registered: it would have no catch-up after a gap."""


@dataclass(frozen=True)
class SignalKind:
    name: str
    catch_up: CatchUp | None
    no_catch_up_because: str = ""


_kinds: dict[str, SignalKind] = {}


def register_kind(name: str, *, catch_up: CatchUp | None = None, no_catch_up_because: str = "") -> str:
    """Register `name` with the query that re-announces it since a moment, or say why it has none.

    Registering the same kind again with the same catch-up is allowed (a module imported twice);
    a second, different registration is an error: two owners of one kind would hide each other.
    """
    if (catch_up is None) == (not no_catch_up_because):
        raise ValueError(f"signal kind {name!r}: give a catch-up or say why it has none, not both")
    kind = SignalKind(name, catch_up, no_catch_up_because)
    known = _kinds.get(name)
    if known is not None and _qualified(known) != _qualified(kind):
        raise ValueError(f"signal kind {name!r} is registered already, by {_qualified(known)}")
    _kinds[name] = kind
    return name


def _qualified(kind: SignalKind) -> str:
    if kind.catch_up is None:
        return f"(none: {kind.no_catch_up_because})"
    return f"{kind.catch_up.__module__}.{kind.catch_up.__qualname__}"


def require_registered(signal: Signal) -> None:
    if signal.kind not in _kinds:
        raise UnknownSignalKind(f"signal kind {signal.kind!r} is not registered (core.signals.register_kind)")


def registered_kinds() -> dict[str, SignalKind]:
    return dict(_kinds)


async def catch_up_since(moment: datetime) -> list[Signal]:
    """Every registered kind's catch-up, in registration order (a purge before the posts written
    after it); one failing query never costs the others their re-announcements."""
    since = moment - SAFETY_MARGIN
    signals: list[Signal] = []
    for kind in list(_kinds.values()):
        if kind.catch_up is None:
            continue
        try:
            signals += await kind.catch_up(since)
        except Exception:
            log.exception("catching up %s failed", kind.name)
    return signals
