"""The demo conference is running when the app first starts, and seeding never duplicates it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from features.agenda.service import load_programme, running_item_id
from features.system.demo import DEMO_TITLE, seed_demo
from models.event import AgendaItem, Event, ModerationMode

NOW = datetime(2026, 11, 25, 15, 7, 42, tzinfo=UTC)


async def test_demo_is_on_its_second_item_when_seeded(db) -> None:
    event = await seed_demo(NOW)
    assert event is not None and event.title == DEMO_TITLE
    programme = await load_programme(event.id)
    assert running_item_id(programme, NOW) == programme.items[1].id
    assert "Präsentation" in programme.items[1].title
    assert running_item_id(programme, NOW + timedelta(minutes=45)) == programme.items[2].id


async def test_demo_keeps_the_shape_of_a_four_hour_stadtkonferenz(db) -> None:
    event = await seed_demo(NOW)
    programme = await load_programme(event.id)
    assert event.venue == "Berswordt-Halle"
    assert event.address == "Südwall 2–4, 44137 Dortmund"
    assert event.ends_at - event.starts_at == timedelta(hours=4)
    assert programme.items[0].starts_at == event.starts_at
    assert programme.items[-1].ends_at == event.ends_at
    for earlier, later in zip(programme.items, programme.items[1:], strict=False):
        assert earlier.ends_at <= later.starts_at
    titles = " ".join(item.title for item in programme.items)
    for expected in ("Oberbürgermeister", "Ergebnisse", "Ausgangsbilder", "Austausch", "Ausblick"):
        assert expected in titles
    assert event.moderation_mode == ModerationMode.POST
    assert event.participation_opens_at == event.starts_at
    assert event.participation_closes_at - event.ends_at == timedelta(days=30)


async def test_seeding_is_idempotent(db) -> None:
    assert await seed_demo(NOW) is not None
    assert await seed_demo(NOW + timedelta(days=1)) is None
    assert await Event.all().count() == 1
    assert await AgendaItem.all().count() == 6


async def test_demo_never_touches_a_database_with_an_event(db) -> None:
    await Event.create(title="Echte Konferenz", starts_at=NOW, ends_at=NOW)
    assert await seed_demo(NOW) is None
    assert await Event.filter(title=DEMO_TITLE).count() == 0


async def test_demo_times_are_whole_minutes_in_berlin(db) -> None:
    event = await seed_demo(NOW)
    local = event.starts_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert local.second == 0 and local.microsecond == 0
