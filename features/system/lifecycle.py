"""What runs when the app starts and stops: database and migrations, demo, bus, stage clock,
the garbage collector's policy (core.memory).

NiceGUI runs `app.on_startup` coroutines as background tasks, so a request could reach a page
before the migrations ran. Instead we extend the ASGI lifespan: the server accepts requests only
after `start` has finished, and `stop` runs before NiceGUI tears itself down.

Fail fast, never hang (issue 19): `check_start` runs in main.py before the server, so a broken,
read-only or unreachable database, or a second process on the same SQLite file, ends the process
with one line. Whatever still fails inside `start` ends it the same way (a failed lifespan would
otherwise leave a process that prints "ready", never listens and ignores SIGTERM), and a SIGTERM
that arrives while `start` runs stops it too.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from nicegui import app
from nicegui.server import Server

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
from models.database import check_database, close_database, lock_sqlite_database, open_database, startup_lock
from models.event import Event
from settings import Settings

log = logging.getLogger(__name__)

_clock: StageClock | None = None
_collector = CollectorPolicy()
_settings: Settings | None = None
# Lifespans can nest (NiceGUI's test fixture for a second simulated user enters it again): only
# the outermost one starts and stops, or an inner stop would close the database under the outer.
_running = 0
STOP_TIMEOUT = 15.0  # seconds `stop` may take before the process ends without it
START_FAILED = 1
STOPPED_WHILE_STARTING = 128 + 15  # as if SIGTERM had ended the process


def check_start(settings: Settings) -> None:
    """Before the server: the one process on its SQLite file, and a database it can read and
    write (or reach). Raises models.database.DatabaseUnavailable with the line to print."""
    lock_sqlite_database(settings.effective_database_url)
    check_database(settings.effective_database_url)


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
        if settings.seeds_demo and await seed_demo() is not None:
            log.warning(
                "Demo-Veranstaltung angelegt: %s. Vor der echten Veranstaltung neu beginnen: "
                "App beenden, %s löschen, mit DEMO=false starten (README, „Going live“)",
                settings.effective_public_url, settings.data_dir,
            )
        elif not settings.host_is_loopback and await Event.filter(is_demo=True).exists():
            log.warning(
                "Die Demo-Veranstaltung ist noch in der Datenbank. Vor der echten Veranstaltung neu beginnen: "
                "App beenden, %s löschen, mit DEMO=false starten; „python main.py check“ prüft den Rest",
                settings.data_dir,
            )
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
            await _start_or_end_the_process(_settings)
            try:
                yield
            finally:
                try:
                    await asyncio.wait_for(stop(), STOP_TIMEOUT)
                except TimeoutError:
                    log.error("Beenden dauerte länger als %d s: Prozess endet ohne Aufräumen", STOP_TIMEOUT)

    lifespan.stadtgespraech = True  # type: ignore[attr-defined]
    app.router.lifespan_context = lifespan


def _server() -> Any:
    return getattr(Server, "instance", None)


async def _start_or_end_the_process(settings: Settings) -> None:
    """Run `start`; if it fails, or SIGTERM comes meanwhile, print one line and end the process.

    uvicorn's signal handler only sets `should_exit`, which it reads after the lifespan started:
    a start that waits (a lock, a database) would ignore SIGTERM. A server left over from an
    earlier run in this process (tests) already has `should_exit` set and is not watched.
    """
    server = _server()
    watched = server is not None and not server.should_exit
    task = asyncio.ensure_future(start(settings))
    while not task.done():
        await asyncio.wait({task}, timeout=0.1)
        if watched and server.should_exit and not task.done():
            task.cancel()
            _end_process(
                "Start abgebrochen: das Signal zum Beenden kam, bevor der Start fertig war", STOPPED_WHILE_STARTING
            )
    error = task.exception()
    if error is not None:
        _end_process(f"Start fehlgeschlagen: {type(error).__name__}: {error}", START_FAILED)


def _end_process(line: str, code: int) -> None:
    """One line for the operator and systemd's journal, then the process ends at once: nothing has
    been served yet, and a half-started server (database threads, NiceGUI's tasks) may not stop."""
    print(line, file=sys.stderr, flush=True)
    logging.shutdown()
    os._exit(code)
