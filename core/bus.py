"""The one bus: services publish what changed, pages hear it and update their clients.

Signals carry a kind, the event (conference) id and ids only; whoever shows the thing loads or
already holds what it needs. One dispatcher task per process hands every signal to the
subscribed handlers, so a publisher never waits for the fan-out to its viewers. Two transports
sit behind the one `bus()`:

- in-process (SQLite, one process): signals published inside a transaction are delivered after
  it committed;
- PostgreSQL (several processes): `pg_notify` runs inside the writing transaction, so every
  process hears of a change exactly when it is committed; each process LISTENs on a dedicated
  asyncpg connection and, when that connection dies, reconnects with backoff and runs the
  catch-up of every registered signal kind (core.signals).

Every kind is registered once with its catch-up (core.signals.register_kind, by the feature that
owns it); publishing a kind nobody registered raises UnknownSignalKind.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Protocol

from tortoise import connections
from tortoise.transactions import in_transaction

from core.signals import CatchUp, Signal, catch_up_since, register_kind, require_registered
from core.tasks import cancel_and_wait

log = logging.getLogger(__name__)

# The kinds that cross the bus. Each is registered with its catch-up by the feature that owns it
# (features.contributions.service, features.agenda.service); core imports no feature.
AGENDA_NOW = "agenda.now"  # ids: item_id (what runs now), and AGENDA_CHANGED=1 if the programme changed
AGENDA_CHANGED = "agenda"  # in AGENDA_NOW ids: reload the items, not only the "now" marker
CONTRIBUTION = "contribution"  # a contribution was posted or changed (ids: contribution_id)
CONTRIBUTIONS_PURGED = "contributions.purged"  # every contribution of the event was deleted (ids: count)
BUS_STATE = register_kind(  # this process lost or regained the bus (event_id 0, ids: connected 0/1)
    "bus.state", no_catch_up_because="process-local: the transport announces it itself when it listens again",
)
EVENT_SETTINGS = "event.settings"  # moderation mode, screen mode or blocked words changed (no ids)
CHANNEL = "stadtgespraech"
LISTENER_NAME = "stadtgespraech-bus"  # application_name of the listening connection, for operators


Handler = Callable[[Signal], Awaitable[None] | None]


class Transport(Protocol):
    name: str
    notifies_in_transaction: bool
    connected: bool

    async def send(self, signal: Signal, connection: Any | None) -> None: ...
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


class Publication:
    """Signals published inside one transaction."""

    def __init__(self, transport: Transport, connection: Any) -> None:
        self._transport = transport
        self._connection = connection
        self._after_commit: list[Signal] = []

    async def publish(self, signal: Signal) -> None:
        require_registered(signal)
        if self._transport.notifies_in_transaction:
            await self._transport.send(signal, self._connection)
        else:
            self._after_commit.append(signal)

    async def committed(self) -> None:
        for signal in self._after_commit:
            await self._transport.send(signal, None)


_open_publication: ContextVar[Publication | None] = ContextVar("open_publication", default=None)


class Bus:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._queue: asyncio.Queue[Signal] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.transport: Transport = InProcessTransport(self)

    @property
    def backend(self) -> str:
        return self.transport.name

    @property
    def connected(self) -> bool:
        return self.transport.connected

    def use(self, transport: Transport) -> None:
        """Choose the transport before `start` (lifecycle does, from the database URL)."""
        self.transport = transport

    def subscribe(self, kind: str, handler: Handler) -> Callable[[], None]:
        """Register a handler; the returned function unregisters it."""
        self._handlers[kind].append(handler)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._handlers[kind].remove(handler)

        return unsubscribe

    def subscriber_count(self, kind: str) -> int:
        return len(self._handlers[kind])

    async def publish(self, signal: Signal) -> None:
        """Publish outside a transaction: call only after the change has committed."""
        require_registered(signal)
        await self.transport.send(signal, None)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Publication]:
        """Write and publish together: nobody hears of a change that was not committed.

        A transaction opened inside another one joins it, so a service can reuse another's
        write (e.g. moderation logs a highlight) and everything still commits, or fails, as one.
        """
        outer = _open_publication.get()
        if outer is not None:
            yield outer
            return
        async with in_transaction() as connection:
            publication = Publication(self.transport, connection)
            token = _open_publication.set(publication)
            try:
                yield publication
            finally:
                _open_publication.reset(token)
        await publication.committed()

    def receive(self, signal: Signal) -> None:
        """A transport hands over a signal for this process's handlers."""
        self._queue.put_nowait(signal)

    async def start(self) -> None:
        if self._task is None or self._task.done():
            self._queue = asyncio.Queue()
            self._task = asyncio.create_task(self._run(), name="live-bus-dispatcher")
        await self.transport.start()

    async def stop(self) -> None:
        await self.transport.stop()
        await cancel_and_wait(self._task)
        self._task = None

    async def _run(self) -> None:
        while True:
            signal = await self._queue.get()
            await self.dispatch(signal)

    async def dispatch(self, signal: Signal) -> None:
        """Hand one signal to this process's handlers; a failing handler never stops the others."""
        for handler in list(self._handlers[signal.kind]):
            try:
                result = handler(signal)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("live handler for %s failed", signal.kind)


class InProcessTransport:
    name = "in-process"
    notifies_in_transaction = False
    connected = True

    def __init__(self, bus: Bus) -> None:
        self._bus = bus

    async def send(self, signal: Signal, connection: Any | None) -> None:
        self._bus.receive(signal)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


class PostgresTransport:
    """LISTEN/NOTIFY between the processes of one event, on one PostgreSQL database."""

    name = "postgres"
    notifies_in_transaction = True

    def __init__(self, bus: Bus, dsn: str, catch_up: CatchUp = catch_up_since, *,
                 health_interval: float = 1.0, max_backoff: float = 5.0) -> None:
        self._bus = bus
        self._dsn = dsn.replace("asyncpg://", "postgresql://", 1)
        self._catch_up = catch_up
        self._health_interval = health_interval
        self._max_backoff = max_backoff
        self._task: asyncio.Task[None] | None = None
        self._connection: Any = None
        self._lost = asyncio.Event()
        self.connected = False
        self.last_contact: datetime | None = None

    async def send(self, signal: Signal, connection: Any | None) -> None:
        client = connection if connection is not None else connections.get("default")
        await client.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, signal.to_json()])

    async def start(self) -> None:
        if self._task is None or self._task.done():
            first = asyncio.get_running_loop().create_future()
            self._task = asyncio.create_task(self._listen_forever(first), name="live-bus-listener")
            await asyncio.wait_for(asyncio.shield(first), timeout=30)

    async def stop(self) -> None:
        await cancel_and_wait(self._task)
        self._task = None
        await self._close()

    async def _close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._connection.close(), timeout=2)
            self._connection = None

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            self._bus.receive(Signal.from_json(payload))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a malformed bus notification")

    async def _connect(self) -> None:
        import asyncpg

        self._connection = await asyncpg.connect(self._dsn, server_settings={"application_name": LISTENER_NAME})
        self._lost = asyncio.Event()
        self._connection.add_termination_listener(lambda _connection: self._lost.set())
        await self._connection.add_listener(CHANNEL, self._on_notification)

    async def _listen_forever(self, first: asyncio.Future[None]) -> None:
        backoff = 0.1
        while True:
            try:
                await self._connect()
            except Exception as error:  # server away: try again, a little later each time
                if not first.done():
                    first.set_exception(error)
                    return
                log.warning("bus: PostgreSQL not reachable (%s); retrying in %.1f s", error, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            backoff = 0.1
            reconnected = self.last_contact is not None
            gap_started = self.last_contact
            self.connected = True
            self.last_contact = datetime.now(UTC)
            if not first.done():
                first.set_result(None)
            if reconnected:
                log.warning("bus: listening again; catching up since %s", gap_started)
                await self._catch_up_since(gap_started)
                self._bus.receive(Signal(BUS_STATE, 0, {"connected": 1}))
            await self._watch()
            self.connected = False
            log.warning("bus: lost the PostgreSQL listener connection; reconnecting")
            self._bus.receive(Signal(BUS_STATE, 0, {"connected": 0}))
            await self._close()

    async def _watch(self) -> None:
        """Return when the listening connection is gone (terminated or no longer answering)."""
        while not self._lost.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._lost.wait(), timeout=self._health_interval)
                return
            try:
                await asyncio.wait_for(self._connection.fetchval("SELECT 1"), timeout=self._health_interval * 2)
            except Exception:
                return
            self.last_contact = datetime.now(UTC)

    async def _catch_up_since(self, moment: datetime | None) -> None:
        """Every registered kind's catch-up (by default), so no kind is forgotten after a gap."""
        if moment is None:
            return
        try:
            for signal in await self._catch_up(moment):
                self._bus.receive(signal)
        except Exception:
            log.exception("bus: catching up after a reconnect failed")


_bus = Bus()


def bus() -> Bus:
    return _bus
