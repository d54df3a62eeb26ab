"""Where the models live in the database: Tortoise configuration and start-up with migrations.

Migrations are Tortoise's own (`tortoise makemigrations`, files in `migrations/`); the app applies
pending ones at every start, so an operator never runs a schema step by hand.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlparse

from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.executor import MigrationExecutor

MODEL_MODULES = [
    "models.event", "models.contribution", "models.result", "models.staff", "models.moderation", "models.poll",
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


STARTUP_LOCK = 0x5354_4144  # pg_advisory_lock key: one process at a time migrates and seeds


@asynccontextmanager
async def startup_lock(database_url: str) -> AsyncIterator[None]:
    """On PostgreSQL, N processes started together must not migrate or seed the demo twice."""
    if urlparse(database_url).scheme == "sqlite":
        yield
        return
    import asyncpg

    connection = await asyncpg.connect(database_url.replace("asyncpg://", "postgresql://", 1))
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
