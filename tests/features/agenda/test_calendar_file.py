"""The .ics file follows RFC 5545 so calendar apps accept it."""

from __future__ import annotations

from datetime import UTC, datetime

from features.agenda.calendar_file import programme_to_ics
from features.agenda.service import load_programme
from tests.support.factories import make_event


async def test_calendar_has_one_entry_per_item_in_utc(db) -> None:
    event, items = await make_event()
    items[0].title = "Begrüßung; Einführung, Überblick"
    items[0].description = "Zeile eins\nZeile zwei " + "lang " * 40
    await items[0].save()
    ics = programme_to_ics(await load_programme(event.id), "stadt.example", datetime(2026, 1, 1, tzinfo=UTC))
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == 4
    assert "DTSTART:20260504T080000Z" in ics
    assert f"UID:agenda-{items[0].id}@stadt.example" in ics
    assert "SUMMARY:Begrüßung\\; Einführung\\, Überblick" in ics
    assert "Zeile eins\\nZeile zwei" in ics
    for line in ics.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "\n" not in ics.replace("\r\n", "")
