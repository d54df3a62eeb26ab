"""What runs when the app starts and stops: database and migrations, demo, bus, stage clock,
the garbage collector's policy (core.memory).

NiceGUI runs `app.on_startup` coroutines as background tasks, so a request could reach a page
before the migrations ran. Instead we extend the ASGI lifespan: the server accepts requests only
after `start` has finished, and `stop` runs before NiceGUI tears itself down.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from nicegui import app

# the owners of the signal kinds register them, with their catch-ups, on import
import features.agenda.service  # AGENDA_NOW, EVENT_SETTINGS
import features.contributions.service  # CONTRIBUTION, CONTRIBUTIONS_PURGED
import features.results.service  # RESULTS
import features.wall.presence  # noqa: F401  PRESENCE
from core.bus import InProcessTransport, PostgresTransport, bus
from core.memory import CollectorPolicy
from features.agenda.stage_clock import StageClock
from features.staff.service import ensure_first_organiser
from features.system.demo import seed_demo
from features.wall.presence import presence
from models.database import close_database, open_database, startup_lock
from settings import Settings

log = logging.getLogger(__name__)

_clock: StageClock | None = None
_collector = CollectorPolicy()
_settings: Settings | None = None
# Lifespans can nest (NiceGUI's test fixture for a second simulated user enters it again): only
# the outermost one starts and stops, or an inner stop would close the database under the outer.
_running = 0


async def start(settings: Settings) -> None:
    global _clock, _running
    _running += 1
    if _running > 1:
        return
    try:
        await _start(settings)
    except BaseException:
        _running -= 1
        raise


async def _start(settings: Settings) -> None:
    global _clock
    async with startup_lock(settings.effective_database_url):
        await open_database(settings.effective_database_url)
        if settings.demo and await seed_demo() is not None:
            log.warning("Demo-Veranstaltung angelegt: %s", settings.effective_public_url)
        await ensure_first_organiser(settings.first_admin_name)  # nobody could sign in otherwise: prints it once
    if settings.bus_backend == "postgres":
        # after a reconnect it runs the catch-up of every registered kind (imported above)
        bus().use(PostgresTransport(bus(), settings.effective_database_url))
    else:
        bus().use(InProcessTransport(bus()))
    await bus().start()
    _clock = StageClock()
    _clock.start()
    presence().start()  # the one audience timer of the process
    _collector.start()


async def stop() -> None:
    global _clock, _running
    _running = max(0, _running - 1)
    if _running:
        return
    await _collector.stop()
    await presence().stop()
    if _clock is not None:
        await _clock.stop()
        _clock = None
    await bus().stop()
    await close_database()


def install(settings: Settings) -> None:
    """Run start/stop inside the server's lifespan (idempotent: main.py may run more than once)."""
    global _settings
    _settings = settings
    if getattr(app.router.lifespan_context, "stadtgespraech", False):
        return
    nicegui_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(asgi_app: Any) -> AsyncIterator[None]:
        async with nicegui_lifespan(asgi_app):
            assert _settings is not None
            await start(_settings)
            try:
                yield
            finally:
                await stop()

    lifespan.stadtgespraech = True  # type: ignore[attr-defined]
    app.router.lifespan_context = lifespan
