"""The polls of /moderation with simulated browsers: a moderator prepares every kind, runs one,
the answers reach the console and the hall screen live, refusals are messages, other
moderators' tabs follow, and words are taken out of a cloud (logged)."""

from __future__ import annotations

import asyncio

import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from features.agenda.service import load_programme
from features.polls import service as polls
from models.contribution import Channel
from models.event import Event, ScreenMode
from models.moderation import ModerationLogEntry
from models.poll import Poll, PollKind, PollState, ResultsVisibility
from tests.support.factories import organiser
from tests.support.staff import sign_in
from tests.support.user import eventually, marked

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


@pytest.fixture(autouse=True)
async def without_the_demo_polls(user: User) -> None:
    """These tests count and order the polls they make: the demo event's own polls go first."""
    await Poll.all().delete()


async def open_console(user: User, name: str = "Mira") -> None:
    await sign_in(user, name)
    await user.open("/moderation")
    await user.should_see("Umfragen", retries=100)


def texts(element: ui.element) -> list[str]:
    return [item.text for item in element.descendants() if getattr(item, "text", "")]


def table_of(user: User, scope: str) -> list[str]:
    """The texts of the results table inside the element marked `scope` ('' when none is shown)."""
    area = marked(user, scope)
    tables = [item for item in area.descendants() if "poll-table" in item._markers]
    return texts(tables[0]) if tables else []


async def fill_and_save(user: User, kind: PollKind, question: str, options: tuple[str, ...] = (), **fields) -> None:
    with user:
        marked(user, "poll-kind").value = kind.value
        marked(user, "poll-question").value = question
        for number in range(1, 9):
            marked(user, f"poll-option-{number}").value = options[number - 1] if number <= len(options) else ""
        for marker, value in fields.items():
            marked(user, marker).value = value
    user.find(marker="poll-save").click()


async def create(user: User, kind: PollKind, question: str, options: tuple[str, ...] = (), **fields) -> Poll:
    user.find(marker="poll-add").click()
    await fill_and_save(user, kind, question, options, **fields)
    poll = None
    for _ in range(500):  # the save runs as the button's background task
        poll = await Poll.get_or_none(question=question).prefetch_related("options")
        if poll is not None:
            break
        await asyncio.sleep(0.02)
    assert poll is not None, f"{question!r} was not saved"
    assert await eventually(lambda: has(user, f"poll-{poll.id}"), 3)
    return poll


def has(user: User, marker: str) -> bool:
    return any(marker in item._markers for item in user.client.elements.values())


def press(user: User, button: ui.element) -> None:
    """Click this one button (user.find(...).click() would pick the first of several alike)."""
    UserInteraction(user, {button}, None).click()


async def test_a_moderator_prepares_every_kind_and_runs_one_to_the_console_and_the_screen(
    user: User, create_user
) -> None:
    screen = create_user()
    await screen.open("/screen")
    await open_console(user)
    single = await create(user, PollKind.SINGLE, "Welches Thema zuerst?", ("Wohnen", "Verkehr", "Klima"))
    multiple = await create(
        user, PollKind.MULTIPLE, "Was fehlt im Viertel?", ("Bänke", "Bäume", "Licht"), **{"poll-max-choices": 2}
    )
    scale = await create(
        user,
        PollKind.SCALE,
        "Wie zufrieden sind Sie?",
        **{
            "poll-scale-min": 1,
            "poll-scale-max": 5,
            "poll-scale-min-label": "gar nicht",
            "poll-scale-max-label": "sehr",
            "poll-visibility": "after_closing",
        },
    )
    ranking = await create(user, PollKind.RANKING, "Was ist am wichtigsten?", ("Sicherheit", "Grün", "Ruhe"))
    words = await create(user, PollKind.WORDS, "Ein Wort zur Innenstadt?", **{"poll-visibility": "moderators"})
    assert [p.kind for p in await Poll.all().order_by("position")] == list(PollKind)
    assert [o.label for o in multiple.options] == ["Bänke", "Bäume", "Licht"] and multiple.max_choices == 2
    assert (scale.scale_min, scale.scale_max, scale.scale_min_label, scale.scale_max_label) == (
        1,
        5,
        "gar nicht",
        "sehr",
    )
    assert scale.results_visibility is ResultsVisibility.AFTER_CLOSING
    assert words.results_visibility is ResultsVisibility.MODERATORS and len(ranking.options) == 3
    assert single.agenda_item_id == (await load_programme()).items[1].id  # the item on stage

    user.find(marker=f"poll-open-{single.id}").click()
    assert await eventually(lambda: marked(user, f"poll-facts-{single.id}").text.startswith("Offen"))
    user.find(marker=f"poll-show-{single.id}").click()
    first, second, _ = [option.id for option in single.options]
    await polls.answer_poll(single.id, "viewer-a", choices=[first], channel=Channel.HALL)
    await polls.answer_poll(single.id, "viewer-b", choices=[second])
    # console: 2 answers, one each, one from the hall and one online
    assert await eventually(lambda: "Ergebnis in Zahlen (2 Antworten)" in table_of(user, f"poll-{single.id}"), 3)
    assert table_of(user, f"poll-{single.id}")[6:11] == ["Wohnen", "1", "50 %", "1", "0"]
    assert (await Event.first()).screen_mode == ScreenMode.POLL
    with screen:
        assert await eventually(lambda: marked(screen, "screen-poll-question").text == "Welches Thema zuerst?", 3)
        assert await eventually(lambda: "Ergebnis in Zahlen (2 Antworten)" in table_of(screen, "screen-poll"), 3)
        assert table_of(screen, "screen-poll")[11:16] == ["Verkehr", "1", "50 %", "0", "1"]
    await polls.answer_poll(single.id, "viewer-c", choices=[first])
    with screen:
        assert await eventually(lambda: "Ergebnis in Zahlen (3 Antworten)" in table_of(screen, "screen-poll"), 3)

    # opening the next one closes the first
    user.find(marker=f"poll-open-{scale.id}").click()
    assert await eventually(lambda: marked(user, f"poll-facts-{single.id}").text.startswith("Geschlossen"))
    assert (await Poll.get(id=single.id)).state is PollState.CLOSED


async def test_refusals_are_messages_not_traces(user: User) -> None:
    await open_console(user)
    user.find(marker="poll-add").click()
    await fill_and_save(user, PollKind.SINGLE, "Nur eine Antwort?", ("Ja",))
    await user.should_see("Bitte geben Sie 2 bis 8 Antwortmöglichkeiten an.", retries=100)
    await fill_and_save(user, PollKind.SINGLE, "", ("Ja", "Nein"))
    await user.should_see("Bitte geben Sie eine Frage ein.", retries=100)
    await fill_and_save(user, PollKind.SCALE, "Skala verkehrt?", **{"poll-scale-min": 5, "poll-scale-max": 2})
    await user.should_see("Die Skala muss von 0 bis höchstens 10 reichen", retries=100)
    assert await Poll.all().count() == 0

    draft = await create_directly("Schon geöffnet?")
    assert await eventually(lambda: has(user, f"poll-edit-{draft.id}"), 3)
    user.find(marker=f"poll-edit-{draft.id}").click()
    await user.should_see("Umfrage bearbeiten", retries=100)
    await polls.open_poll(await organiser("Olaf"), draft.id)  # another moderator opened it meanwhile
    await fill_and_save(user, PollKind.SINGLE, "Doch geändert?", ("Ja", "Nein"))
    await user.should_see("Diese Umfrage war schon geöffnet und kann nicht mehr geändert werden.", retries=100)
    assert (await Poll.get(id=draft.id)).question == "Schon geöffnet?"
    user.find(marker="poll-cancel").click()

    assert await eventually(lambda: has(user, f"poll-close-{draft.id}"), 3)
    user.find(marker=f"poll-delete-{draft.id}").click()
    user.find(marker="poll-delete-confirm").click()
    assert await eventually(
        lambda: "Bitte schließen Sie die Umfrage, bevor Sie sie löschen." in user.notify.messages, 5
    )
    assert await Poll.exists(id=draft.id)


async def create_directly(question: str) -> Poll:
    event = await Event.first()
    return await polls.create_poll(
        await organiser("Orga-Direkt"), event.id, polls.PollDraft(PollKind.SINGLE, question, ("Ja", "Nein"))
    )


async def test_other_moderators_follow_and_the_order_and_deleting_work(user: User, create_user) -> None:
    other = create_user()
    await open_console(user)
    await open_console(other, "Nils")
    first = await create(user, PollKind.SINGLE, "Erste Frage?", ("Ja", "Nein"))
    second = await create(user, PollKind.SINGLE, "Zweite Frage?", ("Ja", "Nein"))
    with other:
        assert await eventually(lambda: has(other, f"poll-{second.id}"), 3)
    other.find(marker=f"poll-up-{second.id}").click()
    assert await eventually(lambda: [p.id for p in user_polls(user)] == [second.id, first.id], 3)
    other.find(marker=f"poll-open-{first.id}").click()
    assert await eventually(lambda: marked(user, f"poll-facts-{first.id}").text.startswith("Offen"), 3)
    user.find(marker=f"poll-delete-{second.id}").click()
    user.find(marker="poll-delete-confirm").click()
    with other:
        assert await eventually(lambda: [p.id for p in user_polls(other)] == [first.id], 3)
    assert not await Poll.exists(id=second.id)
    assert await ModerationLogEntry.filter(action="poll_delete").count() == 1


def user_polls(user: User) -> list[Poll]:
    """The polls the console of this simulated browser lists, in its order."""
    from features.moderation.poll_panel import _followers

    panels = [panel for ids in list(_followers._by_event.values()) for panel in ids if panel.client is user.client]
    return panels[0].polls if panels else []


async def test_a_moderator_takes_a_word_out_of_the_cloud_and_it_is_logged(user: User) -> None:
    event = await Event.first()
    staff = await organiser("Olaf")
    poll = await polls.create_poll(staff, event.id, polls.PollDraft(PollKind.WORDS, "Ein Wort?"))
    await polls.open_poll(staff, poll.id)
    for browser, text in (("a", "Radwege"), ("b", "radwege"), ("c", "Doofe Idee")):
        await polls.answer_poll(poll.id, browser, words=text)
    await open_console(user)
    assert await eventually(lambda: has(user, f"poll-words-{poll.id}"), 3)
    words = marked(user, f"poll-words-{poll.id}")
    assert "Radwege (2)" in texts(words) or "radwege (2)" in texts(words)
    button = next(
        item
        for item in words.descendants()
        if f"poll-remove-word-{poll.id}" in item._markers and "Doofe Idee" in item.props.get("aria-label", "")
    )
    assert button.props["aria-label"] == "„Doofe Idee“ aus der Wolke entfernen"
    press(user, button)
    assert await eventually(lambda: has(user, f"poll-held-{poll.id}"), 3)
    assert "Doofe Idee (1)" in texts(marked(user, f"poll-held-{poll.id}"))
    assert all("Doofe Idee" not in text for text in texts(marked(user, f"poll-words-{poll.id}")))
    entry = await ModerationLogEntry.get(action="poll_word_removed")
    assert entry.detail == "Ein Wort?: doofe idee" and entry.staff_name == "Mira"
