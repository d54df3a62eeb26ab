"""Shared test set-up: every test gets its own data folder and a fresh in-memory database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import settings as settings_module
from models.database import close_database, open_database
from services.live import bus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def app_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> settings_module.Settings:
    """Settings as main.py would read them, pointing at a throw-away folder and database."""
    monkeypatch.chdir(tmp_path)  # no .env of the developer's leaks into a test
    for name in ("PORT", "HOST", "PUBLIC_URL", "STORAGE_SECRET", "IMPRINT_URL", "PRIVACY_URL", "EVENT_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", "sqlite://:memory:")
    monkeypatch.setenv("DEMO", "true")
    settings = settings_module.load_settings()
    settings_module.activate(settings)
    return settings


@pytest.fixture
async def db() -> AsyncIterator[None]:
    """An empty database built from the migrations alone, and a running event bus."""
    await open_database("sqlite://:memory:")
    await bus().start()
    try:
        yield
    finally:
        await bus().stop()
        await close_database()
