"""Start and stop: nested lifespans share one start, the outermost stop ends it."""

from __future__ import annotations

from features.system import lifecycle
from models.database import database_reachable
from models.event import Event


async def test_inner_stop_leaves_the_outer_lifespan_running(app_environment) -> None:
    await lifecycle.start(app_environment)
    await lifecycle.start(app_environment)  # a second simulated user enters the lifespan again
    await lifecycle.stop()
    assert await database_reachable()
    assert await Event.all().count() == 1  # the demo, seeded once
    await lifecycle.stop()
    assert not await database_reachable()
