"""Signal kinds only tests publish: registered like every kind (publishing an unregistered one is
an error), with no catch-up since nothing stores them; and the probe that tells a test when the
bus has handed over everything published so far."""

from __future__ import annotations

import asyncio
import itertools

from core.bus import Signal, bus
from core.signals import register_kind

PROBE = register_kind("probe", no_catch_up_because="a test signal: nothing stores it")
X = register_kind("x", no_catch_up_because="a test signal: nothing stores it")
_probe_numbers = itertools.count(1)


async def all_delivered(timeout: float = 10) -> None:
    """Wait until every signal published before this call has reached this process's handlers.

    The bus hands signals over one after another in the order they arrive, so a probe published
    now is handled after all of them: waiting for it replaces a sleep that a loaded machine
    outlasts."""
    arrived = asyncio.Event()
    marker = next(_probe_numbers)

    def seen(signal: Signal) -> None:
        if signal.ids.get("marker") == marker:
            arrived.set()

    unsubscribe = bus().subscribe(PROBE, seen)
    try:
        await bus().publish(Signal(PROBE, 0, {"marker": marker}))
        await asyncio.wait_for(arrived.wait(), timeout)
    finally:
        unsubscribe()
