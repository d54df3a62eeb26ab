"""What runs when the app starts and stops: database and migrations, demo, bus, stage clock."""

from __future__ import annotations

import logging

from models.database import close_database, open_database
from services.demo import seed_demo
from services.live import bus
from services.stage_clock import StageClock
from settings import Settings

log = logging.getLogger(__name__)

_clock: StageClock | None = None


async def start(settings: Settings) -> None:
    global _clock
    await open_database(settings.effective_database_url)
    if settings.demo and await seed_demo() is not None:
        log.warning("Demo-Veranstaltung angelegt: %s", settings.effective_public_url)
    await bus().start()
    _clock = StageClock()
    _clock.start()


async def stop() -> None:
    global _clock
    if _clock is not None:
        await _clock.stop()
        _clock = None
    await bus().stop()
    await close_database()
