"""The event set-up's fields of issue 13: English title and description, captions and the
sign-language stream, the wall after the event, the texts in Leichter Sprache, and the programme's
English title and description: cleaned and limited like their German neighbours, each wrong field
refused with its own message and field, and nothing saved then."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.errors import ServiceError
from features.admin.event_setup import (
    EASY_LANGUAGE_MAX,
    AgendaDetails,
    add_agenda_item,
    details_of,
    update_agenda_item,
    update_event,
)
from models.event import AgendaItem, Event
from tests.support.factories import open_event, organiser


async def snapshot(event_id: int) -> dict:
    return (await Event.filter(id=event_id).values())[0]


async def test_organiser_saves_the_english_texts_the_stream_extras_and_leichte_sprache(db) -> None:
    event, _ = await open_event()
    details = replace(
        details_of(event), title_en="  City conference\u202e ", description_en="Line 1\r\n\r\n\r\n\r\nLine 2\t!",
        captions_url=" https://captions.example/live.vtt ", sign_language_url="https://youtu.be/abcDEF_1234",
        wall_open_after_event=True, easy_language_text="Das ist ein Treffen.\n\nSie können mitmachen.",
        easy_language_text_en="This is a meeting.",
    )
    await update_event(await organiser(), event.id, details)
    stored = await Event.get(id=event.id)
    assert (stored.title_en, stored.description_en) == ("City conference", "Line 1\n\nLine 2 !")
    assert (stored.captions_url, stored.sign_language_url) == (
        "https://captions.example/live.vtt", "https://youtu.be/abcDEF_1234"
    )
    assert stored.wall_open_after_event is True
    assert stored.easy_language_text == "Das ist ein Treffen.\n\nSie können mitmachen."
    assert stored.easy_language_text_en == "This is a meeting."
    assert details_of(stored).captions_url == "https://captions.example/live.vtt"  # the form shows what is stored


async def test_the_extras_may_be_emptied_again(db) -> None:
    event, _ = await open_event()
    event.title_en, event.captions_url, event.wall_open_after_event = "Old", "https://c.example/a.vtt", True
    await event.save()
    await update_event(await organiser(), event.id, replace(
        details_of(event), title_en="", captions_url="", wall_open_after_event=False,
    ))
    stored = await Event.get(id=event.id)
    assert (stored.title_en, stored.captions_url, stored.wall_open_after_event) == ("", "", False)


INVALID = [
    ({"title_en": "x" * 201}, "event.title_en_too_long", "title_en"),
    ({"description_en": "x" * 5001}, "event.description_en_too_long", "description_en"),
    ({"captions_url": "http://captions.example/live.vtt"}, "event.bad_captions_url", "captions_url"),
    ({"captions_url": "javascript:alert(1)"}, "event.bad_captions_url", "captions_url"),
    ({"captions_url": "https://captions.example/a b.vtt"}, "event.bad_captions_url", "captions_url"),
    ({"captions_url": "https://user:pw@captions.example/a.vtt"}, "event.bad_captions_url", "captions_url"),
    ({"captions_url": "https://c.example/" + "x" * 500}, "event.bad_captions_url", "captions_url"),
    ({"sign_language_url": "http://stream.example/dgs"}, "event.bad_sign_language_url", "sign_language_url"),
    ({"sign_language_url": "https://www.youtube.com/watch?v=%22x"}, "event.bad_sign_language_url",
     "sign_language_url"),
    ({"sign_language_url": "data:text/html,hi"}, "event.bad_sign_language_url", "sign_language_url"),
    ({"easy_language_text": "x" * (EASY_LANGUAGE_MAX + 1)}, "event.easy_language_text_too_long",
     "easy_language_text"),
    ({"easy_language_text_en": "x" * (EASY_LANGUAGE_MAX + 1)}, "event.easy_language_text_en_too_long",
     "easy_language_text_en"),
]


@pytest.mark.parametrize(("change", "key", "field"), INVALID)
async def test_each_wrong_field_is_refused_by_name_and_nothing_is_saved(db, change, key, field) -> None:
    event, _ = await open_event()
    before = await snapshot(event.id)
    others = {"venue": "Neuer Ort", "description_en": "Changed", "wall_open_after_event": True}
    details = replace(details_of(event), **{**others, **change})
    with pytest.raises(ServiceError) as refused:
        await update_event(await organiser(), event.id, details)
    assert refused.value.key == key and refused.value.params["field"] == field
    assert await snapshot(event.id) == before


async def test_the_english_title_and_description_of_a_programme_item(db) -> None:
    event, items = await open_event()
    orga = await organiser()
    item = items[0]
    details = AgendaDetails(
        title=item.title, starts_at=item.starts_at, ends_at=item.ends_at,
        title_en="  Welcome\u0007 ", description_en="What we do\r\ntoday",
    )
    await update_agenda_item(orga, item.id, details)
    stored = await AgendaItem.get(id=item.id)
    assert (stored.title_en, stored.description_en) == ("Welcome", "What we do\ntoday")
    added = await add_agenda_item(orga, event.id, replace(details, title="Neu", title_en="New"))
    assert (await AgendaItem.get(id=added.id)).title_en == "New"


@pytest.mark.parametrize(("change", "key"), [
    ({"title_en": "x" * 201}, "agenda.title_en_too_long"),
    ({"description_en": "x" * 2001}, "agenda.description_en_too_long"),
])
async def test_a_too_long_english_programme_text_is_refused_and_nothing_is_saved(db, change, key) -> None:
    _, items = await open_event()
    item = items[0]
    details = AgendaDetails(title="Geändert", starts_at=item.starts_at, ends_at=item.ends_at, **change)
    with pytest.raises(ServiceError) as refused:
        await update_agenda_item(await organiser(), item.id, details)
    assert refused.value.key == key and refused.value.params["field"] == next(iter(change))
    assert (await AgendaItem.get(id=item.id)).title == item.title
