"""Shared test set-up: every test gets its own data folder and a fresh, empty database.

The suite runs on SQLite by default (an in-memory database per test). With
`STADTGESPRAECH_TEST_DATABASE=postgres` the same tests run on the local PostgreSQL server: one
fresh database per run, emptied before every test, dropped at the end. There they fail, never
skip, when the server is missing.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

import settings as settings_module
from core.bus import InProcessTransport, PostgresTransport, bus
from core.coalesce import reset_all as reset_coalescers
from features.contributions.service import reset_rate_limits
from features.polls.service import reset_poll_state
from models.database import close_database, open_database
from tests.support.browser import browser, live_app, live_app_env, new_tab, page  # noqa: F401
from tests.support.database import (
    ON_POSTGRES,
    MigratedSchemaOnce,
    create_postgres_database,
    drop_postgres_database,
    empty_postgres_database,
    run_async,
)
from tests.support.staff import no_sign_in_delay, team  # noqa: F401


@pytest.fixture(scope="session")
def test_database_url() -> Iterator[str]:
    """The database every test of this run uses (SQLite: a new in-memory one each time)."""
    if not ON_POSTGRES:
        yield "sqlite://:memory:"
        return
    name = f"sg_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = run_async(create_postgres_database(name))
    try:
        yield str(url)
    finally:
        run_async(drop_postgres_database(name))


@pytest.fixture(autouse=True)
def app_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test_database_url: str
) -> settings_module.Settings:
    """Settings as main.py would read them, pointing at a throw-away folder and an empty database."""
    monkeypatch.chdir(tmp_path)  # no .env of the developer's leaks into a test
    # main.py treats any argument as a sub-command; NiceGUI's User and the live app run it in-process
    monkeypatch.setattr(sys, "argv", ["main.py"])
    for name in (
        "PORT",
        "HOST",
        "PUBLIC_URL",
        "STORAGE_SECRET",
        "IMPRINT_URL",
        "PRIVACY_URL",
        "EVENT_TIMEZONE",
        "FIRST_ADMIN_NAME",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", test_database_url)
    monkeypatch.setenv("DEMO", "true")
    if ON_POSTGRES:
        run_async(empty_postgres_database(test_database_url))
    settings = settings_module.load_settings()
    settings_module.activate(settings)
    return settings


_schema = MigratedSchemaOnce()


@pytest.fixture(autouse=True)
def migrated_schema_once(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty SQLite test databases get the migrated schema from one real run (see MigratedSchemaOnce);
    the migration tests in tests/models always migrate for real."""
    if request.node.path.parent.name != "models":
        _schema.install(monkeypatch)


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Rate limits live in process memory: one test's posts must not count against the next."""
    reset_rate_limits()
    reset_poll_state()
    reset_coalescers()
    yield
    reset_rate_limits()
    reset_poll_state()
    reset_coalescers()


@pytest.fixture
async def db(test_database_url: str) -> AsyncIterator[None]:
    """An empty database built from the migrations alone, and a running event bus."""
    await open_database(test_database_url)
    if ON_POSTGRES:
        bus().use(PostgresTransport(bus(), test_database_url))
    else:
        bus().use(InProcessTransport(bus()))
    await bus().start()
    try:
        yield
    finally:
        await bus().stop()
        await close_database()
