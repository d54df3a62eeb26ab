"""The organisers' set-up of the event and its programme: validation before any write, local
time in, UTC stored, organiser-only, audited, announced on the bus, and the one link rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.bus import AGENDA_CHANGED, AGENDA_NOW, EVENT_SETTINGS, Signal, bus
from core.errors import NotFound, ServiceError
from features.admin import event_setup
from features.admin.event_setup import (
    AgendaDetails,
    EventDetails,
    add_agenda_item,
    create_next_event,
    delete_agenda_item,
    details_of,
    event_links,
    local_input_value,
    move_agenda_item,
    parse_local,
    update_agenda_item,
    update_event,
)
from features.agenda.service import current_event, load_programme, set_current_agenda_item
from features.contributions.service import post_contribution
from models.contribution import Contribution
from models.event import AgendaItem, Event, ModerationMode
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount
from settings import get_settings
from tests.support.factories import START, make_event, open_event
from tests.support.signals import all_delivered


@pytest.fixture
async def team(db):
    # no argon2 here: these tests are about roles, not passwords (features.staff.service tests sign-in)
    moderator = await StaffAccount.create(name="Mira", role=Role.MODERATOR, password_hash="-")
    organiser = await StaffAccount.create(name="Olaf", role=Role.ORGANISER, password_hash="-")
    return moderator, organiser


def heard(kind: str) -> list[Signal]:
    events: list[Signal] = []
    bus().subscribe(kind, events.append)
    return events


async def settle() -> None:
    await all_delivered()  # the bus hands signals over in its own task


async def snapshot(event_id: int) -> dict:
    return (await Event.filter(id=event_id).values())[0]


async def log_actions(event_id: int) -> list[tuple[str, str, str]]:
    rows = await ModerationLogEntry.filter(event_id=event_id).order_by("id").values_list(
        "staff_name", "action", "detail"
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def berlin(text: str) -> datetime:
    moment = parse_local(text, field="x")
    assert moment is not None
    return moment


# --- local time ---------------------------------------------------------------------------

def test_local_time_in_forms_is_berlin_and_stored_as_utc(app_environment) -> None:
    assert berlin("2026-05-04T18:00") == datetime(2026, 5, 4, 16, 0, tzinfo=UTC)  # summer: UTC+2
    assert berlin("2026-01-15T18:00") == datetime(2026, 1, 15, 17, 0, tzinfo=UTC)  # winter: UTC+1
    assert local_input_value(datetime(2026, 5, 4, 16, 0, tzinfo=UTC)) == "2026-05-04T18:00"
    assert local_input_value(None) == ""
    assert parse_local("", field="x", required=False) is None
    for text, key in (("", "event.time_missing"), ("4. Mai", "event.bad_time"),
                      ("2026-03-29T02:30", "event.time_skipped")):  # the hour skipped in spring
        with pytest.raises(ServiceError) as refused:
            parse_local(text, field="starts_at")
        assert refused.value.key == key and refused.value.params["field"] == "starts_at"


# --- the event ------------------------------------------------------------------------------

async def test_organiser_edits_every_field_and_open_pages_hear_of_it(team) -> None:
    _, organiser = team
    event, _ = await open_event()
    settings_events = heard(EVENT_SETTINGS)
    details = EventDetails(
        title="  Zweite Stadtkonferenz ", description="Zeile 1\nZeile 2", venue="Rathaus",
        address="Friedensplatz 1, Dortmund", starts_at=berlin("2026-06-01T10:00"), ends_at=berlin("2026-06-01T16:00"),
        livestream_url="https://youtu.be/abcDEF_1234",
        participation_opens_at=berlin("2026-05-20T00:00"), participation_closes_at=berlin("2026-07-01T00:00"),
        moderation_mode=ModerationMode.PRE, public_url="https://stadtgespraech.example/",
        imprint_url="https://stadt.example/impressum", privacy_url="http://stadt.example/datenschutz",
    )
    saved = await update_event(organiser, event.id, details)
    stored = await Event.get(id=event.id)
    assert details_of(stored) == replace(
        details, title="Zweite Stadtkonferenz", public_url="https://stadtgespraech.example"
    )
    assert stored.starts_at == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert saved.moderation_mode == ModerationMode.PRE
    await settle()
    assert settings_events and all(item.event_id == event.id for item in settings_events)
    actions = await log_actions(event.id)
    assert [action for _, action, _ in actions] == ["event", "mode"]
    assert actions[0][0] == "Olaf" and "title" in actions[0][2] and "privacy_url" in actions[0][2]


async def test_saving_the_same_details_writes_nothing(team) -> None:
    _, organiser = team
    event, _ = await open_event()
    await update_event(organiser, event.id, details_of(event))
    assert await log_actions(event.id) == []


async def test_livestream_may_be_cleared_and_links_emptied(team) -> None:
    _, organiser = team
    event, _ = await open_event()
    event.imprint_url = "https://stadt.example/impressum"
    await event.save()
    await update_event(organiser, event.id, replace(details_of(event), imprint_url="", livestream_url=""))
    stored = await Event.get(id=event.id)
    assert (stored.imprint_url, stored.livestream_url) == ("", "")


INVALID_EVENTS = [
    ({"title": "   "}, "event.title_missing"),
    ({"title": "x" * 201}, "event.title_too_long"),
    ({"description": "x" * 5001}, "event.description_too_long"),
    ({"venue": "x" * 201}, "event.venue_too_long"),
    ({"address": "x" * 301}, "event.address_too_long"),
    ({"ends_at": START}, "event.ends_before_start"),
    ({"ends_at": START - timedelta(minutes=1)}, "event.ends_before_start"),
    ({"starts_at": datetime(2026, 6, 1, 10, 0)}, "event.bad_time"),  # naive: which zone?
    ({"livestream_url": "http://www.youtube.com/watch?v=abcDEF_1234"}, "event.bad_livestream_url"),
    ({"livestream_url": "javascript:alert(1)"}, "event.bad_livestream_url"),
    ({"livestream_url": "https://www.youtube.com/watch?v=%22onload"}, "event.bad_livestream_url"),
    ({"livestream_url": "https://stream.example/" + "x" * 500}, "event.bad_livestream_url"),
    ({"participation_opens_at": START, "participation_closes_at": START}, "event.closes_before_opens"),
    ({"moderation_mode": "sometimes"}, "event.bad_mode"),
    ({"public_url": "javascript:alert(1)"}, "event.bad_public_url"),
    ({"public_url": "stadt.example"}, "event.bad_public_url"),
    ({"imprint_url": "ftp://stadt.example/impressum"}, "event.bad_imprint_url"),
    ({"imprint_url": "https://user:pw@stadt.example/"}, "event.bad_imprint_url"),
    ({"privacy_url": "data:text/html,<script>alert(1)</script>"}, "event.bad_privacy_url"),
    ({"privacy_url": "https://stadt.example/a b"}, "event.bad_privacy_url"),
]


@pytest.mark.parametrize(("change", "key"), INVALID_EVENTS)
async def test_invalid_event_details_are_refused_and_nothing_is_saved(team, change, key) -> None:
    _, organiser = team
    event, _ = await open_event()
    before = await snapshot(event.id)
    # valid changes in other fields must not be saved either
    details = replace(details_of(event), venue="Neuer Ort", moderation_mode=ModerationMode.PRE)
    details = replace(details, **change)
    with pytest.raises(ServiceError) as refused:
        await update_event(organiser, event.id, details)
    assert refused.value.key == key
    assert await snapshot(event.id) == before
    assert await log_actions(event.id) == []


async def test_only_organisers_may_change_the_event(team) -> None:
    moderator, organiser = team
    event, _ = await open_event()
    before = await snapshot(event.id)
    for actor in (None, moderator):
        with pytest.raises(ServiceError) as refused:
            await update_event(actor, event.id, replace(details_of(event), title="Gekapert"))
        assert refused.value.key == "forbidden"
        with pytest.raises(ServiceError):
            await create_next_event(actor, "Gekapert", START + timedelta(days=9), START + timedelta(days=9, hours=2))
    assert await snapshot(event.id) == before
    assert await Event.all().count() == 1
    with pytest.raises(NotFound):
        await update_event(organiser, event.id + 99, details_of(event))


# --- the next event -------------------------------------------------------------------------

async def test_the_next_event_becomes_current_and_keeps_the_organisations_settings(team) -> None:
    _, organiser = team
    event, _ = await make_event(start=START)
    event.imprint_url, event.blocked_words = "https://stadt.example/i", "doof"
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    start = START + timedelta(days=30)
    new = await create_next_event(organiser, " 2. Stadtkonferenz ", start, start + timedelta(hours=3))
    current = await current_event()
    assert current is not None and current.id == new.id and current.title == "2. Stadtkonferenz"
    assert (current.imprint_url, current.moderation_mode, current.blocked_words) == (
        "https://stadt.example/i", ModerationMode.PRE, "doof"
    )
    assert (await load_programme()).items == []  # type: ignore[union-attr]
    assert [action for _, action, _ in await log_actions(new.id)] == ["event_new"]


async def test_the_next_event_must_start_after_the_current_one(team) -> None:
    _, organiser = team
    await make_event(start=START)
    for start, end, key in (
        (START, START + timedelta(hours=1), "event.not_after_current"),
        (START - timedelta(days=1), START, "event.not_after_current"),
        (START + timedelta(days=1), START + timedelta(days=1), "event.ends_before_start"),
    ):
        with pytest.raises(ServiceError) as refused:
            await create_next_event(organiser, "Zu früh", start, end)
        assert refused.value.key == key
    with pytest.raises(ServiceError) as refused:
        await create_next_event(organiser, "", START + timedelta(days=2), START + timedelta(days=2, hours=1))
    assert refused.value.key == "event.title_missing"
    assert await Event.all().count() == 1


async def test_the_first_event_can_be_created_in_an_empty_database(team) -> None:
    _, organiser = team
    new = await create_next_event(organiser, "Erste", START, START + timedelta(hours=2))
    assert (await current_event()).id == new.id  # type: ignore[union-attr]


# --- links ------------------------------------------------------------------------------------

async def test_links_come_from_the_event_and_fall_back_to_the_settings(db, monkeypatch) -> None:
    event, _ = await make_event()
    settings = get_settings()
    monkeypatch.setattr(settings, "public_url", "https://settings.example")
    monkeypatch.setattr(settings, "imprint_url", "https://settings.example/impressum")
    monkeypatch.setattr(settings, "privacy_url", "")
    assert event_links(None) == event_setup.EventLinks(
        "https://settings.example", "https://settings.example/impressum", ""
    )
    assert event_links(event) == event_links(None)
    event.public_url, event.privacy_url = "https://event.example", "https://event.example/datenschutz"
    assert event_links(event) == event_setup.EventLinks(
        "https://event.example", "https://settings.example/impressum", "https://event.example/datenschutz"
    )


# --- the programme --------------------------------------------------------------------------

def item_details(title: str = "Podium", start: str = "2026-05-04T19:00", end: str = "2026-05-04T20:00",
                 **more: str) -> AgendaDetails:
    return AgendaDetails(title=title, starts_at=berlin(start), ends_at=berlin(end), **more)


async def slots(event_id: int) -> list[tuple[str, datetime, datetime]]:
    programme = await load_programme(event_id)
    assert programme is not None
    return [(item.title, item.starts_at, item.ends_at) for item in programme.items]


async def test_organiser_adds_and_edits_items_and_pages_reload_the_programme(team) -> None:
    _, organiser = team
    event, _ = await make_event()
    now_events = heard(AGENDA_NOW)
    item = await add_agenda_item(organiser, event.id, item_details(
        " Podium ", description="Wer baut die Stadt?\nUnd wie?", speakers="Ana, Ben", location="Saal 2"
    ))
    stored = await AgendaItem.get(id=item.id)
    assert (stored.title, stored.description, stored.speakers, stored.location) == (
        "Podium", "Wer baut die Stadt?\nUnd wie?", "Ana, Ben", "Saal 2"
    )
    assert stored.starts_at == datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
    await update_agenda_item(organiser, item.id, item_details("Podium II", "2026-05-04T19:30", "2026-05-04T20:15"))
    stored = await AgendaItem.get(id=item.id)
    assert (stored.title, stored.ends_at) == ("Podium II", datetime(2026, 5, 4, 18, 15, tzinfo=UTC))
    await settle()
    assert len(now_events) == 2 and all(e.ids.get(AGENDA_CHANGED) == 1 for e in now_events)
    assert [action for _, action, _ in await log_actions(event.id)] == ["agenda_add", "agenda_edit"]


INVALID_ITEMS = [
    ({"title": " "}, "agenda.title_missing"),
    ({"title": "x" * 201}, "agenda.title_too_long"),
    ({"description": "x" * 2001}, "agenda.description_too_long"),
    ({"speakers": "x" * 501}, "agenda.speakers_too_long"),
    ({"location": "x" * 201}, "agenda.location_too_long"),
    ({"end": "2026-05-04T19:00"}, "agenda.ends_before_start"),
    ({"end": "2026-05-04T18:00"}, "agenda.ends_before_start"),
    ({"end": "2026-05-06T19:00"}, "agenda.too_long"),
]


@pytest.mark.parametrize(("change", "key"), INVALID_ITEMS)
async def test_invalid_items_are_refused_and_nothing_is_saved(team, change, key) -> None:
    _, organiser = team
    event, items = await make_event()
    before = await slots(event.id)
    with pytest.raises(ServiceError) as refused:
        await add_agenda_item(organiser, event.id, item_details(**change))
    assert refused.value.key == key
    with pytest.raises(ServiceError) as refused:
        await update_agenda_item(organiser, items[0].id, item_details(**change))
    assert refused.value.key == key
    assert await slots(event.id) == before
    assert await log_actions(event.id) == []


async def test_only_organisers_may_change_the_programme(team) -> None:
    moderator, _ = team
    event, items = await make_event()
    before = await slots(event.id)
    for actor in (None, moderator):
        for attempt in (
            add_agenda_item(actor, event.id, item_details()),
            update_agenda_item(actor, items[0].id, item_details()),
            move_agenda_item(actor, items[1].id, -1),
            delete_agenda_item(actor, items[0].id),
        ):
            with pytest.raises(ServiceError) as refused:
                await attempt
            assert refused.value.key == "forbidden"
    assert await slots(event.id) == before


async def test_moving_swaps_neighbours_and_keeps_durations_and_the_break(team) -> None:
    _, organiser = team
    event = await Event.create(title="K", starts_at=START, ends_at=START + timedelta(hours=4))
    minutes = lambda m: START + timedelta(minutes=m)  # noqa: E731
    a = await AgendaItem.create(event=event, position=0, title="A", starts_at=minutes(0), ends_at=minutes(30))
    b = await AgendaItem.create(event=event, position=1, title="B", starts_at=minutes(45), ends_at=minutes(105))
    await AgendaItem.create(event=event, position=2, title="C", starts_at=minutes(105), ends_at=minutes(120))
    moved = await move_agenda_item(organiser, b.id, -1)
    assert moved.id == b.id
    # B (60 min) now starts at A's start, the 15-minute break stays, A (30 min) ends where B ended
    assert await slots(event.id) == [
        ("B", minutes(0), minutes(60)), ("A", minutes(75), minutes(105)), ("C", minutes(105), minutes(120)),
    ]
    await move_agenda_item(organiser, a.id, 1)  # A down: swaps with C
    assert await slots(event.id) == [
        ("B", minutes(0), minutes(60)), ("C", minutes(75), minutes(90)), ("A", minutes(90), minutes(120)),
    ]
    assert [action for _, action, _ in await log_actions(event.id)] == ["agenda_move", "agenda_move"]


async def test_moving_at_the_ends_changes_nothing_and_parallel_items_only_swap_order(team) -> None:
    _, organiser = team
    event = await Event.create(title="K", starts_at=START, ends_at=START + timedelta(hours=4))
    end = START + timedelta(hours=1)
    a = await AgendaItem.create(event=event, position=0, title="Werkstatt A", starts_at=START, ends_at=end)
    b = await AgendaItem.create(event=event, position=1, title="Werkstatt B", starts_at=START, ends_at=end)
    await move_agenda_item(organiser, a.id, -1)
    await move_agenda_item(organiser, b.id, 1)
    assert [title for title, _, _ in await slots(event.id)] == ["Werkstatt A", "Werkstatt B"]
    assert await log_actions(event.id) == []
    await move_agenda_item(organiser, b.id, -1)
    assert await slots(event.id) == [("Werkstatt B", START, end), ("Werkstatt A", START, end)]
    with pytest.raises(ServiceError):
        await move_agenda_item(organiser, b.id, 2)


async def test_deleting_keeps_contributions_and_the_marker_falls_back_to_the_clock(team) -> None:
    _, organiser = team
    event, items = await open_event()  # 40 minutes in: items[1] runs by the clock
    post = await post_contribution(event.id, "browser-a", "Frage zu Punkt 3", agenda_item_id=items[2].id)
    await set_current_agenda_item(event.id, items[2].id)
    now_events = heard(AGENDA_NOW)
    await delete_agenda_item(organiser, items[2].id)
    assert not await AgendaItem.exists(id=items[2].id)
    kept = await Contribution.get(id=post.id)
    assert kept.text == "Frage zu Punkt 3" and kept.agenda_item_id is None
    assert (await Event.get(id=event.id)).current_agenda_item_id is None
    await settle()
    assert now_events[-1].ids == {"item_id": items[1].id, AGENDA_CHANGED: 1}
    assert (await log_actions(event.id))[-1][1:] == ("agenda_delete", f"#{items[2].id} Punkt 3")
    with pytest.raises(NotFound):
        await delete_agenda_item(organiser, items[2].id)
