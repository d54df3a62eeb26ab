"""Where the models live in the database: Tortoise configuration and start-up with migrations.

Migrations are Tortoise's own (`tortoise makemigrations`, files in `migrations/`); the app applies
pending ones at every start, so an operator never runs a schema step by hand.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import sqlite3
import threading
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.executor import MigrationExecutor

MODEL_MODULES = [
    "models.event", "models.contribution", "models.result", "models.staff", "models.moderation", "models.poll",
    "models.follow",
]


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": database_url},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


# For the `tortoise` command line (makemigrations), configured in pyproject.toml.
TORTOISE_ORM = tortoise_config(os.environ.get("DATABASE_URL") or "sqlite://data/stadtgespraech.sqlite3")


CONNECT_TIMEOUT = 5.0  # seconds an unreachable PostgreSQL may take to say so at start


class DatabaseUnavailable(Exception):
    """The database cannot be used: the message is the one line an operator reads at start."""


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite database URL; None for PostgreSQL and for an in-memory database."""
    parsed = urlparse(database_url)
    if parsed.scheme != "sqlite":
        return None
    path = database_url.removeprefix("sqlite://")
    return None if path in ("", ":memory:") else Path(path)


def check_database(database_url: str) -> None:
    """Before the server starts: can this process read and write the database? Raises
    DatabaseUnavailable with one clear line instead of a start that hangs (issue 19)."""
    path = sqlite_path(database_url)
    if path is not None:
        _check_sqlite(path)
    elif urlparse(database_url).scheme != "sqlite":
        _run_apart(_check_postgres(database_url))


def _run_apart(check: Coroutine[Any, Any, None]) -> None:
    """Run the check on an event loop of its own: main.py may be run where a loop already runs
    (NiceGUI's test fixture runs main.py inside its loop), and asyncio.run() refuses that."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(check)
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)

    thread = threading.Thread(target=target, name="database-check")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _check_sqlite(path: Path) -> None:
    if path.is_dir():
        raise DatabaseUnavailable(f"Die SQLite-Datenbank {path} ist ein Ordner, keine Datei (DATABASE_URL prüfen)")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=rwc", uri=True, timeout=2)) as connection:
            verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                raise DatabaseUnavailable(f"Die SQLite-Datenbank {path} ist beschädigt ({verdict})")
            # a write that is rolled back: a read-only file or folder fails here, not in a request
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("CREATE TABLE _stadtgespraech_write_check (x INTEGER)")
            connection.execute("ROLLBACK")
    except sqlite3.DatabaseError as error:
        reason = str(error)
        if "not a database" in reason or "malformed" in reason:
            raise DatabaseUnavailable(
                f"Die SQLite-Datenbank {path} ist beschädigt oder keine SQLite-Datei ({reason})"
            ) from None
        if "readonly" in reason or "read-only" in reason:
            raise DatabaseUnavailable(f"Die SQLite-Datenbank {path} ist schreibgeschützt ({reason})") from None
        raise DatabaseUnavailable(f"Die SQLite-Datenbank {path} kann nicht geöffnet werden ({reason})") from None


async def _check_postgres(database_url: str) -> None:
    import asyncpg

    try:
        connection = await asyncpg.connect(_asyncpg_dsn(database_url), timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        reason = str(error) or type(error).__name__
        raise DatabaseUnavailable(
            f"Die PostgreSQL-Datenbank {_without_password(database_url)} ist nicht erreichbar ({reason})"
        ) from None
    await connection.close()


def _asyncpg_dsn(database_url: str) -> str:
    return database_url.replace("asyncpg://", "postgresql://", 1)


def _without_password(database_url: str) -> str:
    parsed = urlparse(database_url)
    if parsed.password is None:
        return database_url
    return parsed._replace(netloc=parsed.netloc.replace(f":{parsed.password}@", ":***@", 1)).geturl()


# One SQLite file, one process: the lock files this process holds, for its whole lifetime.
_held_locks: dict[Path, IO[str]] = {}


def lock_sqlite_database(database_url: str) -> None:
    """Take the OS lock beside a SQLite database file, or refuse: a second process on the same
    file would serve a wall that never sees the first one's posts and decisions (issue 19).
    The lock (flock on `<file>.lock`) is released by the OS when the process ends, however."""
    path = sqlite_path(database_url)
    if path is None:
        return
    lock_path = path.resolve().with_name(path.name + ".lock")
    if lock_path in _held_locks:
        return
    try:
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115  held until the process ends
    except OSError as error:
        raise DatabaseUnavailable(f"Die Sperrdatei {lock_path} kann nicht angelegt werden ({error.strerror})") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise DatabaseUnavailable(
            f"Die SQLite-Datenbank {path} wird schon von einem anderen Prozess benutzt (PID {holder}): eine "
            "SQLite-Datei verträgt nur einen Prozess; für mehrere Prozesse PostgreSQL verwenden "
            "(DATABASE_URL=postgres://…, siehe docs/deploy.md)"
        ) from None
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    _held_locks[lock_path] = handle


STARTUP_LOCK = 0x5354_4144  # pg_advisory_lock key: one process at a time migrates and seeds


@asynccontextmanager
async def startup_lock(database_url: str) -> AsyncIterator[None]:
    """On PostgreSQL, N processes started together must not migrate or seed the demo twice."""
    if urlparse(database_url).scheme == "sqlite":
        yield
        return
    import asyncpg

    connection = await asyncpg.connect(_asyncpg_dsn(database_url))
    try:
        await connection.execute("SELECT pg_advisory_lock($1)", STARTUP_LOCK)
        yield
    finally:
        await connection.close()  # closing the session releases the lock


async def open_database(database_url: str) -> None:
    """Apply pending migrations, then leave Tortoise ready for queries."""
    config = tortoise_config(database_url)
    # Init first, then migrate on that same connection: an in-memory SQLite database (tests)
    # exists only inside one connection, and tortoise's migrate() would open another.
    # The global fallback makes the ORM usable from every task (requests, socket events, the
    # bus), not only from the start-up task that initialised it.
    await Tortoise.init(config=config, _enable_global_fallback=True)
    await MigrationExecutor(connections.get("default"), config["apps"]).migrate()


async def close_database() -> None:
    await Tortoise.close_connections()
    # Tortoise caches insert SQL per connection *name*; the next database opened in this process
    # (tests switch between SQLite and PostgreSQL) must not reuse another dialect's statements.
    EXECUTOR_CACHE.clear()


async def database_reachable() -> bool:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:  # any failure means "not reachable" for the health check
        return False
    return True


async def pending_migrations(database_url: str) -> int:
    """How many migrations the open database still lacks (the preflight check reports them; the
    app applies them at its next start)."""
    executor = MigrationExecutor(connections.get("default"), tortoise_config(database_url)["apps"])
    return sum(1 for step in await executor.plan() if not step.backward)
