"""How many people follow the live wall right now, online and in the hall, over all processes.

Counted once per process, never per tab: the wall's tabs say when they connect and disconnect
(`opened` / `closed`, keyed by the tab), and ONE timer per process (`start`) publishes this
process's numbers per event every few seconds as a PRESENCE signal. Every process keeps the
newest numbers of every other process with the moment it heard them, drops those not renewed
for a while (a process that died or lost its listener), and adds its own: `totals(event_id)`.
On one process (SQLite) the signal goes round in-process; on PostgreSQL it is a NOTIFY like
every other signal, so the sum covers the whole cluster.

A person is a browser (the anonymous browser id): two tabs of one browser count once.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.bus import Bus, Signal, bus
from core.clock import utcnow
from core.signals import register_kind
from core.tasks import cancel_and_wait
from models.contribution import Channel

log = logging.getLogger(__name__)

PRESENCE = register_kind(  # ids: process (a random token), online, hall
    "presence",
    no_catch_up_because="counts, not changes: every process sends its numbers again every few seconds, "
    "and the next ones replace any that were missed",
)
INTERVAL = 5.0  # seconds between two publications of this process's numbers
STALE_AFTER = timedelta(seconds=3 * INTERVAL)  # a process not heard of for this long counts no more


@dataclass(frozen=True)
class Counts:
    online: int = 0
    hall: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.online + other.online, self.hall + other.hall)


@dataclass(frozen=True)
class _Tab:
    event_id: int
    channel: Channel
    viewer: str


class Presence:
    """This process's open wall tabs and the other processes' latest numbers."""

    def __init__(self, *, bus_of: Callable[[], Bus] = bus, token: int | None = None,
                 interval: float = INTERVAL, stale_after: timedelta = STALE_AFTER) -> None:
        self._bus_of = bus_of
        self.token = token if token is not None else secrets.randbits(31)
        self.interval = interval
        self.stale_after = stale_after
        self._tabs: dict[object, _Tab] = {}
        self._others: dict[tuple[int, int], tuple[Counts, datetime]] = {}  # (event, process) -> latest
        self._published: dict[int, Counts] = {}  # what this process said last, per event
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None

    # --- this process's tabs ---------------------------------------------------------------
    def opened(self, key: object, event_id: int, channel: Channel, viewer: str) -> None:
        """A wall tab is connected (again): idempotent, a reconnect does not count twice."""
        self._tabs[key] = _Tab(event_id, channel, viewer)

    def closed(self, key: object) -> None:
        self._tabs.pop(key, None)

    def local(self) -> dict[int, Counts]:
        """This process's people per event: distinct browsers per channel."""
        people: dict[tuple[int, Channel], set[str]] = {}
        for tab in list(self._tabs.values()):
            people.setdefault((tab.event_id, tab.channel), set()).add(tab.viewer)
        counts: dict[int, Counts] = {}
        for (event_id, channel), viewers in people.items():
            add = Counts(hall=len(viewers)) if channel == Channel.HALL else Counts(online=len(viewers))
            counts[event_id] = counts.get(event_id, Counts()) + add
        return counts

    # --- the other processes --------------------------------------------------------------
    def heard(self, signal: Signal) -> None:
        """Another process's numbers (this process's own echo is ignored: `local` is newer).
        Idempotent, so whoever hears the signal first may fold it in."""
        if signal.kind != PRESENCE:
            return
        try:
            token = int(signal.ids.get("process") or 0)
            counts = Counts(max(0, int(signal.ids.get("online") or 0)), max(0, int(signal.ids.get("hall") or 0)))
        except (TypeError, ValueError):
            log.warning("ignoring a malformed presence signal")
            return
        if token and token != self.token:
            self._others[(signal.event_id, token)] = (counts, utcnow())

    def _drop_stale(self, now: datetime) -> set[int]:
        """Forget processes not heard of for `stale_after`; the events whose totals changed."""
        stale = [key for key, (_, seen) in self._others.items() if now - seen > self.stale_after]
        for key in stale:
            del self._others[key]
        return {event_id for event_id, _ in stale}

    def totals(self, event_id: int) -> Counts:
        """Everyone connected to the event's wall now, in every process."""
        self._drop_stale(utcnow())
        total = self.local().get(event_id, Counts())
        for (other_event, _), (counts, _) in self._others.items():
            if other_event == event_id:
                total += counts
        return total

    # --- the one timer of the process -----------------------------------------------------
    async def tick(self) -> None:
        """Publish this process's numbers: for every event with people now, and once more for
        one whose count just fell to nobody. Events whose totals changed only because another
        process went stale get a local signal, so their displays catch up too."""
        counts = self.local()
        changed = self._drop_stale(utcnow())
        events = {event_id for event_id, now in counts.items() if now != Counts()}
        events |= {event_id for event_id, said in self._published.items() if counts.get(event_id, Counts()) != said}
        live_bus = self._bus_of()
        for event_id in sorted(events):
            now = counts.get(event_id, Counts())
            signal = Signal(PRESENCE, event_id, {"process": self.token, "online": now.online, "hall": now.hall})
            try:
                await live_bus.publish(signal)
            except Exception:  # the database is away: the next tick tries again
                log.warning("publishing the audience counts failed", exc_info=True)
                continue
            if now == Counts():
                self._published.pop(event_id, None)
            else:
                self._published[event_id] = now
        for event_id in sorted(changed - events):
            live_bus.receive(Signal(PRESENCE, event_id, {"process": self.token}))

    def start(self) -> None:
        """Listen to the other processes and start this process's timer (once)."""
        if self._unsubscribe is None:
            self._unsubscribe = self._bus_of().subscribe(PRESENCE, self.heard)
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="presence-timer")

    async def stop(self) -> None:
        await cancel_and_wait(self._task)
        self._task = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._tabs.clear()  # the app stops: its tabs go with it
        self._others.clear()
        self._published.clear()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.tick()
            except Exception:  # one bad tick must not end the timer of the process
                log.exception("counting the audience failed")


_presence = Presence()


def presence() -> Presence:
    """The one presence of this process."""
    return _presence
