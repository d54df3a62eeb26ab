"""Safe defaults (issue 20): a first start for the hall (HOST not loopback) on an empty database
seeds no demo unless DEMO=true is set; a trial on this computer still gets it."""

from __future__ import annotations

import pytest

import settings as settings_module
from features.system import lifecycle
from models.event import Event
from tests.support.database import ON_POSTGRES


def loaded(monkeypatch: pytest.MonkeyPatch, host: str, demo: str | None) -> settings_module.Settings:
    monkeypatch.setenv("HOST", host)
    if demo is None:
        monkeypatch.delenv("DEMO", raising=False)
    else:
        monkeypatch.setenv("DEMO", demo)
    return settings_module.load_settings()


@pytest.mark.parametrize(
    ("host", "demo", "seeds"),
    [
        ("127.0.0.1", None, True),
        ("localhost", None, True),
        ("::1", None, True),
        ("0.0.0.0", None, False),
        ("10.0.0.5", None, False),
        ("0.0.0.0", "true", True),
        ("127.0.0.1", "false", False),
    ],
)
def test_the_demo_is_seeded_by_default_only_on_loopback(monkeypatch, host: str, demo: str | None, seeds: bool) -> None:
    assert loaded(monkeypatch, host, demo).seeds_demo is seeds


async def _first_start(settings: settings_module.Settings) -> list[Event]:
    await lifecycle.start(settings)
    try:
        return list(await Event.all())
    finally:
        await lifecycle.stop()


async def test_a_first_start_for_the_hall_seeds_no_demo(monkeypatch) -> None:
    assert await _first_start(loaded(monkeypatch, "0.0.0.0", None)) == []


async def test_demo_true_seeds_it_in_the_hall_too(monkeypatch) -> None:
    events = await _first_start(loaded(monkeypatch, "0.0.0.0", "true"))
    assert [event.is_demo for event in events] == [True]


async def test_a_trial_on_this_computer_still_gets_the_demo(monkeypatch) -> None:
    events = await _first_start(loaded(monkeypatch, "127.0.0.1", None))
    assert [event.is_demo for event in events] == [True]


async def test_a_start_for_the_hall_notes_a_demo_left_in_the_database(monkeypatch, caplog, tmp_path) -> None:
    if not ON_POSTGRES:  # kept between the two starts: a file, not the in-memory database
        monkeypatch.setenv("DATABASE_URL", f"sqlite://{tmp_path / 'twice.sqlite3'}")
    await _first_start(loaded(monkeypatch, "127.0.0.1", None))  # the trial seeded it
    caplog.clear()
    await _first_start(loaded(monkeypatch, "0.0.0.0", None))
    assert "Die Demo-Veranstaltung ist noch in der Datenbank" in caplog.text
