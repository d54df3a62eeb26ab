"""Many changes, few messages: a storm of answers or support votes becomes a few signals a second.

Every tab re-reads what a signal names, so announcing "poll 7 changed" once after 300 answers
shows the same final state as 300 announcements, at a fraction of the cost. The first change
goes out at once (a lone answer shows within milliseconds); changes during the following
interval are folded into one signal at its end.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable

from core.signals import Signal

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 0.3

_coalescers: weakref.WeakSet[Coalescer] = weakref.WeakSet()

Key = tuple[str, int, tuple[tuple[str, int | None], ...]]


def _key(signal: Signal) -> Key:
    return signal.kind, signal.event_id, tuple(sorted(signal.ids.items()))


class Coalescer:
    def __init__(self, publish: Callable[[Signal], Awaitable[None]], interval: float = DEFAULT_INTERVAL) -> None:
        _coalescers.add(self)
        self._publish = publish
        self.interval = interval
        self._last_sent: dict[Key, float] = {}
        self._waiting: dict[Key, asyncio.Task[None]] = {}

    def touch(self, signal: Signal) -> None:
        """Announce `signal` now, or at the end of the current interval if it went out just now."""
        key = _key(signal)
        if key in self._waiting:
            return
        loop = asyncio.get_running_loop()
        delay = self._last_sent.get(key, float("-inf")) + self.interval - loop.time()
        self._waiting[key] = loop.create_task(self._send_after(key, signal, max(0.0, delay)))

    async def _send_after(self, key: Key, signal: Signal, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
        finally:
            self._waiting.pop(key, None)
        self._last_sent[key] = asyncio.get_running_loop().time()
        if len(self._last_sent) > 10_000:  # old keys only matter for one interval
            self._last_sent = {key: self._last_sent[key]}
        try:
            await self._publish(signal)
        except Exception:  # a lost announcement is caught up by the bus after a gap
            log.exception("could not announce %s", signal)

    async def flush(self) -> None:
        """Wait until every waiting signal went out (tests, shutdown)."""
        while self._waiting:
            await asyncio.gather(*self._waiting.values(), return_exceptions=True)

    def reset(self) -> None:
        for task in self._waiting.values():
            task.cancel()
        self._waiting.clear()
        self._last_sent.clear()


def reset_all() -> None:
    """Tests: what waits on one test's event loop must not go out on the next one's."""
    for coalescer in list(_coalescers):
        coalescer.reset()
