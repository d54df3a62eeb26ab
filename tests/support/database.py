"""Where the test databases are: SQLite in memory by default, or a fresh PostgreSQL database per
run with `STADTGESPRAECH_TEST_DATABASE=postgres` (the local server, trust auth)."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from tortoise.migrations.executor import MigrationExecutor

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get("POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
ON_POSTGRES = os.environ.get("STADTGESPRAECH_TEST_DATABASE", "sqlite") == "postgres"


def run_async(coroutine) -> object:
    """Run a coroutine to completion from sync code, even while another loop runs in this thread."""
    result: dict[str, object] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed to the caller below
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result.get("value")


def database_url_for(name: str) -> str:
    return f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


async def create_postgres_database(name: str) -> str:
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return database_url_for(name)


async def drop_postgres_database(name: str) -> None:
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def empty_postgres_database(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'tortoise_migrations'"
        )
        if tables:
            names = ", ".join(f'"{row["tablename"]}"' for row in tables)
            await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


class MigratedSchemaOnce:
    """Every test on SQLite starts from an empty database (in memory, or a file for the app under a
    browser test), and replaying all migrations costs about 0.6 s each time (Tortoise rebuilds its
    state per operation; far more on a loaded machine). The first empty database of a run is
    migrated for real; its dump (schema plus the `tortoise_migrations` rows) builds every later
    empty one. Databases that already hold tables, and the migration tests themselves
    (tests/models), always run the real migrations."""

    def __init__(self) -> None:
        self.real_migrate = MigrationExecutor.migrate
        self.script: str | None = None

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        cache = self

        async def migrate(executor: MigrationExecutor, *args: Any, **kwargs: Any) -> None:
            client = executor.connection
            if args or kwargs or not await _is_empty_sqlite(client):
                await cache.real_migrate(executor, *args, **kwargs)
            elif cache.script is not None:
                await client.execute_script(cache.script)
            else:
                await cache.real_migrate(executor)
                cache.script = "\n".join([line async for line in client._connection.iterdump()])

        monkeypatch.setattr(MigrationExecutor, "migrate", migrate)


async def _is_empty_sqlite(client: Any) -> bool:
    if getattr(client, "filename", None) is None:  # PostgreSQL: emptied per test, migrated once per run
        return False
    _, rows = await client.execute_query("SELECT count(*) AS n FROM sqlite_master")
    return rows[0]["n"] == 0
