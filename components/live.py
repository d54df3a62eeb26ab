"""The one follower idiom: how open tabs follow the bus.

Every live component of every page goes through `Followers`:

- one bus subscription per process for a set of signal kinds, however many tabs are open;
- followers (components of open tabs) grouped by event (conference) id;
- per signal, `read` runs ONCE (a hundred screens cost one query, not a hundred) and `show`
  hands the answer to every follower of that event, in its tab's context;
- the followers are looked up after the read, and each is checked right before it is touched:
  a tab that closed while the read awaited is skipped, and one failing delivery never costs the
  other tabs their update;
- a tab that was away (its socket reconnected) is caught up on its own: `again(event_id)` gives
  the signal that means "anything may have changed", and read and show run for that one tab.

A follower is any object with a `client` (a NiceGUI element, or a small class that keeps
`ui.context.client`); closed tabs drop out by themselves.
"""

from __future__ import annotations

import inspect
import json
import logging
import weakref
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Generic, Protocol, TypeVar

from nicegui import Client, background_tasks, core, ui

from core.bus import Bus, Signal, bus

log = logging.getLogger(__name__)


def tab_is_open(client: Client) -> bool:
    """Still a tab NiceGUI serves: not deleted, and not dropped from its registry (a test reset
    clears it without deleting), so handlers that read the database skip tabs nobody sees."""
    return not client.is_deleted and Client.instances.get(client.id) is client


class InTab(Protocol):
    client: Client


class _Skip:
    """What `read` returns when this signal changes nothing any follower shows."""


SKIP: Any = _Skip()

F = TypeVar("F", bound=InTab)
R = TypeVar("R")

Read = Callable[[Signal, list[F]], Awaitable[R]]
Show = Callable[[F, R, Signal], Awaitable[None] | None]


class Followers(Generic[F, R]):
    """The components of this process's open tabs that follow some signal kinds, per event."""

    def __init__(
        self,
        name: str,
        kinds: tuple[str, ...],
        read: Read[F, R],
        show: Show[F, R],
        *,
        again: Callable[[int], Signal] | None = None,
    ) -> None:
        """`read(signal, followers)` reads once what the followers of `signal.event_id` show (or
        returns SKIP); `show(follower, answer, signal)` updates one follower. `again(event_id)`:
        the signal that re-syncs a tab that was away; None if the follower re-syncs itself."""
        self.name = name
        self.kinds = kinds
        self._read = read
        self._show = show
        self._again = again
        self._by_event: dict[int, weakref.WeakSet[F]] = {}
        self._subscribed_to: Bus | None = None

    def add(self, event_id: int, follower: F) -> None:
        """Keep `follower` informed until its tab closes."""
        if self._subscribed_to is not bus():
            for kind in self.kinds:
                bus().subscribe(kind, self._deliver)
            self._subscribed_to = bus()
        followers = self._by_event.setdefault(event_id, weakref.WeakSet())
        followers.add(follower)
        client = follower.client
        client.on_delete(lambda: followers.discard(follower))
        if self._again is not None:
            connected_once = [client.has_socket_connection]

            def reconnected() -> None:
                if not connected_once[0]:  # the first connect of a page just built: nothing missed
                    connected_once[0] = True
                    return
                background_tasks.create(self.catch_up_tab(event_id, follower), name=f"{self.name}-reconnect")

            client.on_connect(reconnected)

    def count(self, event_id: int) -> int:
        return len(self._by_event.get(event_id, ()))

    def of(self, event_id: int) -> list[F]:
        """The followers of `event_id` whose tabs are open now."""
        return [follower for follower in list(self._by_event.get(event_id, ())) if still_open(follower)]

    async def _deliver(self, signal: Signal) -> None:
        followers = self.of(signal.event_id)
        if not followers:
            return
        answer = await self._read(signal, followers)
        if answer is SKIP:
            return
        # looked up again: tabs opened during the read get the newest state too
        await self.fan_out(signal, answer, self.of(signal.event_id))

    async def fan_out(self, signal: Signal, answer: R, followers: list[F]) -> None:
        """Hand `answer` to every follower; subclasses may batch (see `broadcast`)."""
        for follower in followers:
            await self.deliver_one(follower, answer, signal)

    async def deliver_one(self, follower: F, answer: R, signal: Signal) -> None:
        """Show `answer` to one follower, if its tab is still open; a failure stays its own."""
        if not still_open(follower):
            return
        try:
            with follower.client:
                shown = self._show(follower, answer, signal)
                if inspect.isawaitable(shown):
                    await shown
        except Exception:
            if still_open(follower):  # a tab that closed meanwhile is no error
                log.exception("%s: delivering %s to one tab failed", self.name, signal.kind)

    async def catch_up_tab(self, event_id: int, follower: F) -> None:
        """The tab was away: read and show the current state for it alone."""
        if self._again is None or not still_open(follower):
            return
        signal = self._again(event_id)
        try:
            answer = await self._read(signal, [follower])
        except Exception:
            log.exception("%s: catching up a reconnected tab failed", self.name)
            return
        if answer is not SKIP:
            await self.deliver_one(follower, answer, signal)


def still_open(follower: InTab) -> bool:
    """The follower's tab is open and the follower itself (if an element) was not removed."""
    if getattr(follower, "is_deleted", False):
        return False
    try:
        client = follower.client  # an element of a deleted tab raises here
    except RuntimeError:
        return False
    return tab_is_open(client)


async def broadcast(method: str, arguments: list[Any], elements: Iterable[ui.element]) -> None:
    """Call `method` of each element in its browser with the same arguments, encoded ONCE: one
    socket.io message per element id to all tabs that have it (tabs built alike share element
    ids), like a bare broadcast, instead of one message per tab.

    Only for tabs with a socket right now: a broadcast is not kept in the tab's outbox, so the
    caller sends the others their own `run_method` (replayed after a short gap), and keeps each
    element's server-side state in step itself."""
    rooms: dict[int, list[str]] = {}
    for element in elements:
        if still_open(element):
            rooms.setdefault(element.id, []).append(element.client.id)
    if not rooms:
        return
    encoded = json.dumps(arguments)
    for element_id, client_ids in rooms.items():
        code = f"return runMethod({element_id}, {json.dumps(method)}, {encoded})"
        try:
            await core.sio.emit("run_javascript", {"code": code}, room=client_ids)
        except Exception:
            log.exception("broadcasting %s failed", method)
