"""The hall screen's poll mode with simulated browsers: the question and the live results of the
poll on the screen, as its visibility allows, and a clear text when there is none."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from features.moderation.service import set_screen_mode
from features.polls import service as polls
from features.polls.service import PollDraft
from models.contribution import Channel
from models.event import Event, ScreenMode
from models.poll import PollKind, ResultsVisibility
from tests.support.factories import organiser
from tests.support.user import eventually, marked


def area_texts(user: User) -> list[str]:
    return [item.text for item in marked(user, "screen-poll").descendants() if getattr(item, "text", "")]


def says(user: User, text: str) -> bool:
    return any(text in shown for shown in area_texts(user))


async def a_poll_on_screen(visibility: ResultsVisibility, kind: PollKind = PollKind.SINGLE):
    event = await Event.first()
    staff = await organiser()
    options = ("Wohnen", "Verkehr") if kind is not PollKind.SCALE else ()
    draft = PollDraft(kind, "Was zuerst?", options, question_en="What first?", results_visibility=visibility)
    poll = await polls.create_poll(staff, event.id, draft)
    await polls.open_poll(staff, poll.id)
    await polls.show_on_screen(staff, poll.id)
    return staff, poll


async def test_without_a_poll_the_poll_mode_says_so(user: User) -> None:
    event = await Event.first()
    await set_screen_mode(await organiser(), event.id, ScreenMode.POLL)
    await user.open("/screen")
    assert "sg-mode-poll" in marked(user, "screen").classes
    assert says(user, "Gerade ist keine Umfrage auf der Leinwand.")
    assert not marked(user, "screen-poll-question").visible


async def test_live_results_follow_every_answer(user: User) -> None:
    await user.open("/screen")
    assert says(user, "Gerade ist keine Umfrage auf der Leinwand.")
    _, poll = await a_poll_on_screen(ResultsVisibility.LIVE)
    assert await eventually(lambda: "sg-mode-poll" in marked(user, "screen").classes, 3)
    assert await eventually(lambda: marked(user, "screen-poll-question").text == "Was zuerst?", 3)
    first = poll.options[0].id
    await polls.answer_poll(poll.id, "a", choices=[first], channel=Channel.HALL)
    await polls.answer_poll(poll.id, "b", choices=[first])
    assert await eventually(lambda: says(user, "Ergebnis in Zahlen (2 Antworten)"), 3)
    assert says(user, "1 Antworten aus dem Saal, 1 online")
    charts = [item for item in marked(user, "screen-poll").descendants() if isinstance(item, ui.echart)]
    assert charts and charts[0].options["series"][0]["data"] == [2, 0]


async def test_after_closing_waits_for_the_close_and_moderators_only_never_shows(user: User) -> None:
    staff, poll = await a_poll_on_screen(ResultsVisibility.AFTER_CLOSING)
    await polls.answer_poll(poll.id, "a", choices=[poll.options[1].id])
    await user.open("/screen")
    assert says(user, "Ergebnis nach Abschluss der Umfrage")
    assert not says(user, "Ergebnis in Zahlen")
    await polls.close_poll(staff, poll.id)
    assert await eventually(lambda: says(user, "Ergebnis in Zahlen (1 Antworten)"), 3)

    _, secret = await a_poll_on_screen(ResultsVisibility.MODERATORS)
    await polls.answer_poll(secret.id, "a", choices=[secret.options[0].id])
    assert await eventually(lambda: says(user, "Das Ergebnis dieser Umfrage sieht nur die Moderation."), 3)
    await polls.close_poll(staff, secret.id)
    assert await eventually(lambda: not says(user, "Ergebnis in Zahlen"), 3)


async def test_english_screens_read_the_english_question(user: User) -> None:
    await a_poll_on_screen(ResultsVisibility.LIVE)
    await user.open("/lang/en?next=/screen")
    await user.open("/screen")
    assert marked(user, "screen-poll-question").text == "What first?"
    assert says(user, "The result in numbers (0 answers)")
