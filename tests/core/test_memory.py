"""The collector policy: long-lived objects are frozen out of full collections, and cyclic
garbage among them is still found by the periodic complete collection."""

from __future__ import annotations

import asyncio
import gc
import weakref

from core import memory


class Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_frozen_cycles_wait_for_the_complete_collection(monkeypatch) -> None:
    monkeypatch.setattr(memory, "FREEZE_EVERY", 0.02)
    monkeypatch.setattr(memory, "COLLECT_ALL_EVERY", 3600)
    policy = memory.CollectorPolicy()
    garbage = Cycle()
    alive = weakref.ref(garbage)
    policy.start()
    try:
        assert gc.get_freeze_count() > 0
        del garbage
        gc.collect()
        assert alive() is not None  # frozen: a full collection does not walk it (nor pause for it)
        monkeypatch.setattr(memory, "COLLECT_ALL_EVERY", 0)
        await asyncio.sleep(0.1)
        assert alive() is None  # the complete collection found it
        assert gc.get_freeze_count() > 0  # and froze what lives on
    finally:
        await policy.stop()
    assert gc.get_freeze_count() == 0
