"""/admin with a simulated organiser, the fields of issue 13: the event tab saves and shows the
English texts, captions and sign-language addresses, the wall-after-the-event checkbox and the
texts in Leichter Sprache (a wrong field is named and nothing is saved); the programme tab and
the results tab save the English versions of titles, descriptions, names and alt texts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from features.agenda.service import current_event, load_programme
from models.event import AgendaItem, Event
from models.result import Result, ResultImage, Topic
from models.staff import Role
from tests.support.factories import png_bytes
from tests.support.staff import sign_in
from tests.support.user import element, see

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 3.0) -> bool:
    """True as soon as the async `check` holds (a click's handler runs as a task)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.02)
    return await check()


def fill(user: User, values: dict[str, object]) -> None:
    with user:
        for marker, value in values.items():
            element(user, marker).set_value(value)  # type: ignore[attr-defined]


async def open_admin(user: User, tab: str) -> Event:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open(f"/admin?tab={tab}")
    event = await current_event()
    assert event is not None
    return event


EXTRAS = {
    "edit-title_en": "City conference",
    "edit-description_en": "Everyone is welcome.\n\nIn the hall and online.",
    "edit-captions_url": "https://captions.example/live.vtt",
    "edit-sign_language_url": "https://youtu.be/dgsDGS_1234",
    "edit-wall_open_after_event": True,
    "edit-easy_language_text": "Das ist ein Treffen.\n\nSie können mitmachen.",
    "edit-easy_language_text_en": "This is a meeting.",
}


async def test_the_event_tab_saves_and_shows_the_new_fields(user: User) -> None:
    event = await open_admin(user, "event")
    await see(user, "Wand nach der Konferenz offen lassen")
    fill(user, EXTRAS)
    user.find(marker="event-save").click()
    await see(user, "Die Veranstaltung ist gespeichert.")
    saved = await Event.get(id=event.id)
    assert saved.title_en == "City conference"
    assert saved.description_en == "Everyone is welcome.\n\nIn the hall and online."
    assert (saved.captions_url, saved.sign_language_url) == (
        "https://captions.example/live.vtt", "https://youtu.be/dgsDGS_1234"
    )
    assert saved.wall_open_after_event is True
    assert (saved.easy_language_text, saved.easy_language_text_en) == (
        "Das ist ein Treffen.\n\nSie können mitmachen.", "This is a meeting."
    )
    await user.open("/admin?tab=event")  # the form shows what is stored
    await see(user, "Wand nach der Konferenz offen lassen")
    for marker, value in EXTRAS.items():
        assert element(user, marker).value == value, marker  # type: ignore[attr-defined]


@pytest.mark.parametrize(("values", "message"), [
    ({"edit-captions_url": "http://captions.example/live.vtt"},
     "Die Adresse der Untertitel muss eine vollständige Adresse mit https:// sein."),
    ({"edit-sign_language_url": "javascript:alert(1)"},
     "Die Adresse des Streams mit Gebärdensprache muss mit https:// beginnen"),
    ({"edit-title_en": "x" * 201}, "Der englische Titel darf höchstens 200 Zeichen lang sein (jetzt 201)."),
    ({"edit-easy_language_text_en": "x" * 5001},
     "Der englische Text in Leichter Sprache darf höchstens 5000 Zeichen lang sein (jetzt 5001)."),
])
async def test_a_wrong_new_field_is_named_and_nothing_is_saved(user: User, values, message) -> None:
    event = await open_admin(user, "event")
    before = (await Event.filter(id=event.id).values())[0]
    fill(user, {"edit-venue": "Ein neuer Ort", "edit-wall_open_after_event": True, **values})
    user.find(marker="event-save").click()
    await see(user, message, marker="event-error")
    assert message in element(user, next(iter(values))).error  # type: ignore[attr-defined]
    assert (await Event.filter(id=event.id).values())[0] == before


async def test_the_programme_tab_saves_and_shows_the_english_title_and_description(user: User) -> None:
    await open_admin(user, "agenda")
    programme = await load_programme()
    assert programme is not None
    item = programme.items[0]
    user.find(marker=f"agenda-edit-{item.id}").click()
    await see(user, marker="agenda-title_en")
    fill(user, {"agenda-title_en": "Welcome", "agenda-description_en": "Who we are"})
    user.find(marker="agenda-save").click()
    assert await until(lambda: AgendaItem.exists(id=item.id, title_en="Welcome", description_en="Who we are"))
    assert (await AgendaItem.get(id=item.id)).title == item.title
    user.find(marker=f"agenda-edit-{item.id}").click()
    await see(user, marker="agenda-title_en")
    assert element(user, "agenda-title_en").value == "Welcome"  # type: ignore[attr-defined]
    fill(user, {"agenda-title_en": "x" * 201})
    user.find(marker="agenda-save").click()
    await see(user, "Der englische Titel darf höchstens 200 Zeichen lang sein (jetzt 201).", marker="agenda-error")
    assert (await AgendaItem.get(id=item.id)).title_en == "Welcome"


async def test_the_results_tab_saves_english_names_texts_and_alt_texts(user: User) -> None:
    await open_admin(user, "results")
    await see(user, marker="admin-results")
    topic = await Topic.get(name="Mobilität")
    user.find(marker=f"topic-{topic.id}-edit").click()
    await see(user, marker="topic-name-en-input")
    fill(user, {"topic-name-en-input": "Mobility"})
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: Topic.exists(id=topic.id, name_en="Mobility", name="Mobilität"))

    result = await Result.filter(topic=topic).order_by("position", "id").first()
    assert result is not None
    await see(user, marker=f"result-{result.id}-edit")
    user.find(marker=f"result-{result.id}-edit").click()
    await see(user, marker="result-title-en-input")
    fill(user, {"result-title-en-input": "The Wall as a boulevard", "result-summary-en-input": "Short",
                "result-body-en-input": "x" * 20_001})
    user.find(marker="dialog-confirm").click()
    await see(user, "Der englische Text darf höchstens 20000 Zeichen lang sein.", marker="dialog-alert")
    assert (await Result.get(id=result.id)).title_en == ""
    fill(user, {"result-body-en-input": "Cycle lanes and trees"})
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: Result.exists(
        id=result.id, title_en="The Wall as a boulevard", summary_en="Short", body_en="Cycle lanes and trees"
    ))

    user.find(marker=f"result-{result.id}-pictures").click()
    await see(user, marker="new-picture-alt-en")
    before = {image.id for image in await ResultImage.filter(result=result)}
    fill(user, {"new-picture-alt": "Skizze", "new-picture-alt-en": "Sketch"})
    uploader = next(iter(user.find(ui.upload).elements))
    with user:
        await uploader.handle_uploads([SmallFileUpload("foto.png", "image/png", png_bytes((40, 30)))])
    assert await until(lambda: ResultImage.filter(result=result, alt_en="Sketch").exists())
    image = await ResultImage.get(result=result, alt_en="Sketch")
    assert image.id not in before
    await see(user, marker=f"picture-{image.id}-alt-en")
    fill(user, {f"picture-{image.id}-alt-en": "Sketch of the Wall"})
    user.find(marker=f"picture-{image.id}-save").click()
    assert await until(lambda: ResultImage.exists(id=image.id, alt_en="Sketch of the Wall", alt="Skizze"))
