"""Garbage collection for a process that holds many open tabs.

With a thousand open walls the heap holds millions of long-lived objects (NiceGUI clients, their
elements, sockets). A full collection walks all of them: 0.55 s measured at 1,000 viewers. And
under 5 posts a second it ran every 2 to 3 s, because Python starts one whenever the objects that
survived the younger collections reach a quarter of the long-lived ones, and each post's thousand
send tasks live just long enough to count. Every viewer's post waited behind that pause: it was
the p95 of `benchmarks/fanout.py` (docs/performance.md).

So what has lived a few seconds is frozen out of the collector (`gc.freeze`, a cheap list
merge) and full collections walk only what is new. Cyclic garbage among frozen objects (a closed
tab's elements point at their client and back) is found by one complete collection every ten
minutes: one such pause per ten minutes instead of one every two seconds. Objects without cycles
are freed by reference counting at once, as always.
"""

from __future__ import annotations

import asyncio
import gc
import time

from core.tasks import cancel_and_wait

FREEZE_EVERY = 5.0  # seconds
COLLECT_ALL_EVERY = 600.0  # seconds


class CollectorPolicy:
    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        gc.freeze()  # modules, settings, the start-up: they live as long as the process
        self._task = asyncio.get_running_loop().create_task(self._run(), name="gc-policy")

    async def _run(self) -> None:
        last_complete = time.monotonic()
        while True:
            await asyncio.sleep(FREEZE_EVERY)
            if time.monotonic() - last_complete >= COLLECT_ALL_EVERY:
                gc.unfreeze()
                gc.collect()
                last_complete = time.monotonic()
            gc.freeze()

    async def stop(self) -> None:
        """Give everything back to the collector (tests start and stop the app many times)."""
        await cancel_and_wait(self._task)
        self._task = None
        gc.unfreeze()
