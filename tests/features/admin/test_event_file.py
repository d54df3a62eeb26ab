"""The event as one file (features/admin/event_file.py): written out, read back the same, every
wrong field named with where it is, and nothing half-imported."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from core.clock import frozen_at
from core.media import media_dir
from features.admin import event_file
from features.admin.event_file import EventFileInvalid, import_event_file, write_event_file
from features.contributions.service import post_contribution
from features.polls.service import PollDraft, answer_poll, create_poll, open_poll, polls_of
from features.results.service import add_result_image
from models.contribution import Contribution
from models.database import close_database, open_database
from models.event import AgendaItem, Event, ModerationMode, ScreenMode, ScreenSource
from models.moderation import ModerationLogEntry
from models.poll import Poll, PollAnswer, PollKind, PollState, ResultsVisibility
from models.result import Result, ResultImage, Topic
from tests.support.database import ON_POSTGRES, empty_postgres_database
from tests.support.factories import organiser, png_bytes

START = datetime(2026, 9, 12, 8, 0, tzinfo=UTC)


async def a_whole_event() -> Event:
    """Every field the file carries set to something other than its default."""
    event = await Event.create(
        title="Stadtkonferenz 2026", title_en="City conference 2026", description="Wir reden über <b>Wege</b>.",
        description_en="We talk about ways.", venue="Rathaus", address="Friedensplatz 1, Dortmund",
        starts_at=START, ends_at=START + timedelta(hours=8),
        participation_opens_at=START - timedelta(days=7), participation_closes_at=START + timedelta(days=30),
        wall_open_after_event=True, livestream_url="https://www.youtube.com/watch?v=abcdef12345",
        captions_url="https://untertitel.example/live.vtt", sign_language_url="https://dgs.example/stream",
        public_url="https://stadtgespraech.example", imprint_url="https://stadt.example/impressum",
        privacy_url="https://stadt.example/datenschutz", easy_language_text="Wir treffen uns im Rathaus.",
        easy_language_text_en="We meet at the town hall.", moderation_mode=ModerationMode.PRE,
        screen_mode=ScreenMode.QR, blocked_words="mist\nquatsch", screen_source=ScreenSource.ALL,
        screen_show_support=True, screen_pause_text="Mittagspause – weiter um 13:00",
    )
    items = [
        await AgendaItem.create(
            event=event, position=number, title=f"Punkt {number + 1}", title_en=f"Item {number + 1}",
            description="Beschreibung", description_en="Description", speakers="Ada, Bo", location="Saal",
            starts_at=START + timedelta(hours=number), ends_at=START + timedelta(hours=number + 1),
        )
        for number in range(3)
    ]
    mobility = await Topic.create(event=event, name="Mobilität", name_en="Mobility", colour="#1d4ed8", position=0)
    green = await Topic.create(event=event, name="Grün", name_en="", colour="#15803d", position=1)
    wall = await Result.create(topic=mobility, agenda_item=items[1], title="Der Wall als Boulevard",
                               title_en="The ring road as a boulevard", summary="Kurz", summary_en="Short",
                               body="Radweg\n\nund Bäume", body_en="Cycle path", position=0)
    await Result.create(topic=mobility, title="Busse", position=1)
    park = await Result.create(topic=green, title="Parks", position=0)
    orga = await organiser()
    first = await add_result_image(orga, wall.id, png_bytes((800, 500)), "Skizze: Bäume am Wall")
    await ResultImage.filter(id=first.id).update(alt_en="Sketch: trees on the ring road")
    await add_result_image(orga, wall.id, png_bytes((300, 600), mode="RGB"), "Zweites Bild")
    await add_result_image(orga, park.id, png_bytes((640, 480)), "Der Park")
    asked = await create_poll(orga, event.id, PollDraft(
        PollKind.MULTIPLE, "Was fehlt?", ("Bänke", "Bäume", "Licht"), question_en="What is missing?",
        options_en=("Benches", "Trees", "Light"), max_choices=2, agenda_item_id=items[1].id,
        results_visibility=ResultsVisibility.AFTER_CLOSING,
    ))
    await create_poll(orga, event.id, PollDraft(
        PollKind.SCALE, "Wie zufrieden?", scale_min=0, scale_max=10, scale_min_label="gar nicht",
        scale_max_label="sehr", scale_min_label_en="not at all", scale_max_label_en="very",
    ))
    await create_poll(orga, event.id, PollDraft(PollKind.WORDS, "Ein Wort?"))
    await open_poll(orga, asked.id)
    await answer_poll(asked.id, "browser-1", choices=[asked.options[0].id])  # answers stay out of the file
    return event


async def fresh_database(url: str) -> None:
    """An empty database and an empty media folder: the import must not lean on what was there."""
    if ON_POSTGRES:
        await empty_postgres_database(url)
    else:
        await close_database()
        await open_database(url)
    shutil.rmtree(media_dir())


def media_files() -> list[str]:
    return sorted(path.name for path in media_dir().iterdir())


async def test_export_import_export_gives_the_same_file(db, tmp_path, test_database_url) -> None:
    event = await a_whole_event()
    with frozen_at(START + timedelta(hours=1)):
        await post_contribution(event.id, "browser-1", "Ein Beitrag, der in keiner Veranstaltungsdatei steht")
    first = tmp_path / "a" / "stadtkonferenz.json"
    first.parent.mkdir()
    written = await write_event_file(first)
    assert (written.pictures, written.missing_pictures) == (3, [])
    document = json.loads(first.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("stadtgespraech-event", 1)
    assert document["event"]["starts_at"] == "2026-09-12T10:00:00+02:00"  # the event's time zone
    assert document["event"]["blocked_words"] == ["mist", "quatsch"]
    assert document["topics"][0]["results"][0]["agenda_item"] == 1
    assert document["topics"][0]["results"][0]["pictures"][0] == {
        "file": "stadtkonferenz-bilder/1-1-1.jpg", "alt": "Skizze: Bäume am Wall",
        "alt_en": "Sketch: trees on the ring road",
    }
    assert set(document) == {"format", "version", "event", "agenda", "topics", "polls"}  # no contributions, logs
    assert [(poll["kind"], poll["agenda_item"]) for poll in document["polls"]] == [
        ("multiple", 1), ("scale", None), ("words", None)
    ]
    assert document["polls"][0]["options"][1] == {"label": "Bäume", "label_en": "Trees"}
    assert "Ein Beitrag" not in first.read_text(encoding="utf-8")
    assert sorted(path.name for path in (first.parent / "stadtkonferenz-bilder").iterdir()) == [
        "1-1-1.jpg", "1-1-2.jpg", "2-1-1.jpg"
    ]
    assert not list(first.parent.glob(".*"))  # no half-written leftovers

    await fresh_database(test_database_url)
    imported = await import_event_file(first)
    assert imported.title_en == "City conference 2026" and imported.screen_mode == ScreenMode.QR
    assert (imported.screen_source, imported.screen_show_support, imported.screen_pause_text) == (
        ScreenSource.ALL, True, "Mittagspause – weiter um 13:00"
    )
    assert imported.report_published_at is None and not imported.is_demo
    assert await Contribution.all().count() == 0
    assert [(poll.state, poll.question) for poll in await polls_of(imported.id)] == [
        (PollState.DRAFT, "Was fehlt?"), (PollState.DRAFT, "Wie zufrieden?"), (PollState.DRAFT, "Ein Wort?")
    ]  # prepared again, never opened, no answers
    assert await PollAnswer.all().count() == 0
    assert len(media_files()) == 6  # every picture re-encoded, large and thumbnail
    entry = await ModerationLogEntry.get(action="event_import")
    assert entry.event_id == imported.id and entry.staff_name == "" and "stadtkonferenz.json" in entry.detail

    second = tmp_path / "b" / "stadtkonferenz.json"
    second.parent.mkdir()
    await write_event_file(second)
    assert second.read_bytes() == first.read_bytes()
    for name in ("1-1-1.jpg", "1-1-2.jpg", "2-1-1.jpg"):
        with Image.open(first.parent / "stadtkonferenz-bilder" / name) as before, \
             Image.open(second.parent / "stadtkonferenz-bilder" / name) as after:
            assert (after.format, after.size) == ("JPEG", before.size)


async def test_the_shown_event_or_the_given_one_is_written(db, tmp_path) -> None:
    older = await Event.create(title="Vorjahr", starts_at=START - timedelta(days=365),
                               ends_at=START - timedelta(days=365) + timedelta(hours=2))
    await Event.create(title="Dieses Jahr", starts_at=START, ends_at=START + timedelta(hours=2))
    await write_event_file(tmp_path / "jetzt.json")
    assert json.loads((tmp_path / "jetzt.json").read_bytes())["event"]["title"] == "Dieses Jahr"
    await write_event_file(tmp_path / "vorjahr.json", older.id)
    document = json.loads((tmp_path / "vorjahr.json").read_bytes())
    assert document["event"]["title"] == "Vorjahr" and document["event"]["blocked_words"] is None
    assert document["topics"] == [] and not (tmp_path / "vorjahr-bilder").exists()


def a_small_file(folder: Path, **changes: object) -> Path:
    document: dict[str, object] = {
        "format": "stadtgespraech-event", "version": 1,
        "event": {"title": "Probe", "starts_at": "2026-09-12T10:00:00+02:00", "ends_at": "2026-09-12T18:00:00+02:00"},
        "agenda": [
            {"title": "Begrüßung", "starts_at": "2026-09-12T10:00:00+02:00", "ends_at": "2026-09-12T10:30:00+02:00"},
            {"title": "Tische", "starts_at": "2026-09-12T10:30:00+02:00", "ends_at": "2026-09-12T12:00:00+02:00"},
        ],
        "topics": [{"name": "Mobilität", "results": [{"title": "Der Wall", "agenda_item": 1}]}],
    }
    document.update(changes)
    path = folder / "probe.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


async def test_a_small_hand_written_file_is_enough(db, tmp_path) -> None:
    event = await import_event_file(a_small_file(tmp_path))
    assert event.moderation_mode == ModerationMode.POST and event.blocked_words is None
    assert (event.screen_source, event.screen_show_support, event.screen_pause_text) == (ScreenSource.PICKED, False, "")
    assert event.starts_at == datetime(2026, 9, 12, 8, 0, tzinfo=UTC)
    items = await AgendaItem.filter(event_id=event.id).order_by("position")
    result = await Result.get(title="Der Wall")
    assert [item.title for item in items] == ["Begrüßung", "Tische"] and result.agenda_item_id == items[1].id
    with pytest.raises(EventFileInvalid) as twice:  # the same file again would make a second copy
        await import_event_file(a_small_file(tmp_path))
    assert [problem.message() for problem in twice.value.problems] == [
        f"event: diese Veranstaltung (gleicher Titel, gleicher Beginn) gibt es schon (Nr. {event.id})"
    ]
    assert await Event.all().count() == 1


async def test_every_wrong_field_is_named_and_nothing_is_written(db, tmp_path) -> None:
    path = a_small_file(
        tmp_path,
        event={"title": "  ", "starts_at": "2026-09-12T10:00:00", "ends_at": "morgen", "moderation_mode": "streng",
               "livestream_url": "javascript:alert(1)", "imprint_url": "http://user:pw@stadt.example/",
               "blocked_words": "mist", "wall_open_after_event": "ja", "colour": "#fff",
               "screen_source": "alles", "screen_pause_text": "x" * 201},
        agenda=[
            {"title": "Begrüßung", "starts_at": "2026-09-12T10:00:00+02:00", "ends_at": "2026-09-12T10:30:00+02:00"},
            {"title": "x" * 201, "starts_at": "2026-09-12T12:00:00+02:00", "ends_at": "2026-09-12T11:00:00+02:00"},
            "Pause",
        ],
        topics=[{"name": "Grün", "colour": "grün", "results": [
            {"title": "Parks", "agenda_item": 7, "pictures": [{"file": "../../geheim.jpg", "alt": ""}]},
        ]}],
    )
    with pytest.raises(EventFileInvalid) as refused:
        await import_event_file(path)
    assert [problem.message() for problem in refused.value.problems] == [
        "event.colour: unbekanntes Feld (Tippfehler?)",
        "event.title: darf nicht leer sein",
        "event.starts_at: braucht die Zeitzone am Ende (z. B. +02:00)",
        "event.ends_at: ist keine Zeitangabe (so: 2026-05-04T18:00:00+02:00)",
        "event.wall_open_after_event: muss true oder false sein",
        "event.livestream_url: ist keine erlaubte Livestream-Adresse (ein YouTube-Video oder eine andere "
        "https-Adresse)",
        "event.imprint_url: ist keine vollständige Webadresse (https://…)",
        "event.moderation_mode: muss einer dieser Werte sein: pre, post",
        "event.screen_source: muss einer dieser Werte sein: all, picked",
        "event.screen_pause_text: ist zu lang (201 Zeichen, höchstens 200)",
        "event.blocked_words: muss eine Liste von Texten sein oder null (die Standardliste)",
        "agenda[1].ends_at: liegt nicht nach dem Beginn",
        "agenda[1].title: ist zu lang (201 Zeichen, höchstens 200)",
        "agenda[2]: muss ein JSON-Objekt sein",
        "topics[0].colour: ist keine Farbe der Form #1e3a8a",
        "topics[0].results[0].agenda_item: muss die Nummer eines Programmpunkts sein (0 bis 2) oder null",
        "topics[0].results[0].pictures[0].alt: darf nicht leer sein",
        "topics[0].results[0].pictures[0].file: muss eine Datei im Ordner der Veranstaltungsdatei sein",
    ]
    assert refused.value.problems[1].message("en") == "event.title: must not be empty"
    assert await Event.all().count() == 0 and await ModerationLogEntry.all().count() == 0


async def test_wrong_polls_are_named_by_the_polls_own_rules_and_nothing_is_written(db, tmp_path) -> None:
    path = a_small_file(tmp_path, polls=[
        {"kind": "single", "question": "Ja oder nein?", "options": [{"label": "Ja"}]},
        {"kind": "umfrage", "question": "?"},
        {"kind": "scale", "question": "Wie?", "scale_min": "1", "agenda_item": 5},
        {"kind": "words", "question": "Gut so?", "agenda_item": 1},
    ])
    with pytest.raises(EventFileInvalid) as refused:
        await import_event_file(path)
    assert [problem.message() for problem in refused.value.problems] == [
        "polls[0]: Bitte geben Sie 2 bis 8 Antwortmöglichkeiten an.",
        "polls[1].kind: muss einer dieser Werte sein: single, multiple, scale, ranking, words",
        "polls[2].scale_min: muss eine ganze Zahl sein",
        "polls[2].agenda_item: muss die Nummer eines Programmpunkts sein (0 bis 1) oder null",
    ]
    assert await Event.all().count() == 0 and await Poll.all().count() == 0


@pytest.mark.parametrize(("content", "expected"), [
    (b"{\"format\": ", "Die Datei ist kein gültiges JSON (Zeile 1, Spalte 12)."),
    (b"\xff\xfe", "Die Datei ist nicht in UTF-8 geschrieben."),
    (b"[]", "muss ein JSON-Objekt sein"),
    (b'{"format": "stadtgespraech-export/1", "contributions": []}',
     "format: muss „stadtgespraech-event“ sein: das ist keine Veranstaltungsdatei"),
    (b'{"format": "stadtgespraech-event", "version": 2}', "version: diese Version liest nur Format-Version 1"),
])
async def test_another_file_is_refused_in_one_line(db, tmp_path, content, expected) -> None:
    path = tmp_path / "falsch.json"
    path.write_bytes(content)
    with pytest.raises(EventFileInvalid) as refused:
        await import_event_file(path)
    assert refused.value.problems[0].message() == expected


async def with_two_pictures(folder: Path, last: bytes) -> Path:
    (folder / "probe-bilder").mkdir()
    (folder / "probe-bilder" / "1.jpg").write_bytes(png_bytes())
    (folder / "probe-bilder" / "2.jpg").write_bytes(last)
    return a_small_file(folder, topics=[
        {"name": "Mobilität", "results": [{"title": "Der Wall", "pictures": [
            {"file": "probe-bilder/1.jpg", "alt": "Eins"}, {"file": "probe-bilder/2.jpg", "alt": "Zwei"},
        ]}]},
    ])


async def test_a_broken_last_picture_imports_nothing(db, tmp_path) -> None:
    path = await with_two_pictures(tmp_path, b"<script>alert(1)</script> kein Bild")
    with pytest.raises(EventFileInvalid) as refused:
        await import_event_file(path)
    assert [problem.message() for problem in refused.value.problems] == [
        "topics[0].results[0].pictures[1].file: Diese Datei ist kein lesbares Bild (vielleicht nur umbenannt oder "
        "beschädigt). Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch."
    ]
    assert await Event.all().count() == 0 and media_files() == []  # the first picture went again too


async def test_a_failure_while_writing_the_last_row_rolls_everything_back(db, tmp_path, monkeypatch) -> None:
    path = await with_two_pictures(tmp_path, png_bytes((200, 200)))

    async def failing_record(*_args: object, **_kwargs: object) -> None:  # the last write of the import
        raise RuntimeError("the database went away")

    monkeypatch.setattr(event_file, "record", failing_record)
    with pytest.raises(RuntimeError):
        await import_event_file(path)
    for model in (Event, AgendaItem, Topic, Result, ResultImage):
        assert await model.all().count() == 0, model
    assert media_files() == []
