"""The open poll on /wall and /live with simulated browsers: answering, changing the answer, results
reaching every viewer, a poll that closes or opens while the page is open, refusals."""

from __future__ import annotations

from nicegui.testing import User

from components.poll_box import PollBox
from features.polls.service import close_poll, open_poll, open_poll_of, own_answer
from models.event import Event
from models.poll import Poll, PollAnswer, PollKind, PollState, ResultsVisibility
from tests.support.factories import organiser
from tests.support.user import eventually, marked, see, see_no

SAVED = "Ihre Antwort ist gespeichert. Sie können sie bis zum Ende der Umfrage ändern."


def _all_boxes() -> list[list[PollBox]]:
    from components import poll_box

    return [list(boxes) for boxes in poll_box._boxes._by_event.values()]


def box(user: User) -> PollBox:
    """This user's poll box (the page has one)."""
    return next(b for boxes in _all_boxes() for b in boxes if b.client is user.client)


async def answer(user: User, payload: dict) -> tuple[bool, str]:
    """What the browser's form sends on submit, inside this user's tab."""
    with user:
        return await box(user).answer(payload)


def table_rows(user: User) -> list[list[str]]:
    """The results table's rows as the screen reader reads them (first cell and the count)."""
    table = marked(user, "poll-table")
    rows = []
    for row in table.descendants():
        if row.tag == "tr" and any(cell.tag == "td" for cell in row.default_slot.children):
            rows.append([getattr(cell, "text", "") for cell in row.default_slot.children][:2])
    return rows


async def demo_poll() -> Poll:
    """The demo's open poll (single choice on the item on stage, results live)."""
    poll = await open_poll_of((await Event.first()).id)
    assert poll is not None and poll.kind is PollKind.SINGLE
    return poll


async def test_two_viewers_answer_and_both_see_the_results(user: User, create_user) -> None:
    poll = await demo_poll()
    housing, mobility = poll.options[0].id, poll.options[1].id
    other = create_user()
    await user.open("/wall")
    await other.open("/live")
    await see(user, "Welches Thema ist Ihnen für die Stadtstrategie am wichtigsten?")
    await see(other, "Welches Thema ist Ihnen für die Stadtstrategie am wichtigsten?")
    assert await answer(user, {"choices": [housing]}) == (True, SAVED)
    assert await answer(other, {"choices": [mobility]}) == (True, SAVED)
    await see(user, SAVED)
    for viewer in (user, other):
        with viewer:
            assert await eventually(lambda v=viewer: table_rows(v)[:2] == [["Wohnen", "1"], ["Mobilität", "1"]], 3)
    online = await PollAnswer.filter(poll_id=poll.id, channel="online").count()
    assert online == 2


async def test_the_second_answer_replaces_the_first_and_is_shown_checked(user: User) -> None:
    poll = await demo_poll()
    first, second = poll.options[0].id, poll.options[2].id
    await user.open("/wall")
    viewer = box(user).viewer
    assert (await answer(user, {"choices": [first]}))[0]
    assert (await answer(user, {"choices": [second]}))[0]
    assert await PollAnswer.filter(poll_id=poll.id).count() == 1
    assert (await own_answer(poll.id, viewer)).choices == (second,)
    await user.open("/wall")  # the page again: the own answer checked, and what it means
    await see(user, SAVED)
    checked = [
        el.props.get("value") for el in user.client.elements.values() if el.tag == "input" and el.props.get("checked")
    ]
    assert checked == [str(second)]


async def test_refusals_are_said_in_the_form_and_nothing_is_stored(user: User) -> None:
    poll = await demo_poll()
    await user.open("/wall")
    assert await answer(user, {"choices": []}) == (False, "Bitte wählen Sie eine Antwort.")
    assert await answer(user, {"choices": [poll.options[0].id, poll.options[1].id]}) == (
        False,
        "Bitte wählen Sie höchstens 1.",
    )
    assert await answer(user, {"choices": ["<script>"]}) == (False, "Diese Antwort gehört nicht zu der Umfrage.")
    await see(user, "Diese Antwort gehört nicht zu der Umfrage.")
    assert await PollAnswer.filter(poll_id=poll.id).count() == 0


async def test_a_closed_poll_says_so_and_takes_no_more_answers(user: User) -> None:
    poll = await demo_poll()
    await user.open("/wall")
    orga = await organiser()
    await close_poll(orga, poll.id)
    await see(user, "Die Umfrage ist geschlossen.")
    await see_no(user, "Antwort senden")
    assert await answer(user, {"choices": [poll.options[0].id]}) == (False, "")
    # a form sent before the page heard of it gets the service's refusal
    assert box(user).poll is not None
    box(user).answering = True
    assert await answer(user, {"choices": [poll.options[0].id]}) == (
        False,
        "Diese Umfrage ist geschlossen. Antworten sind nicht mehr möglich.",
    )


async def test_a_newly_opened_poll_appears_without_reload(user: User) -> None:
    event = await Event.first()
    await user.open("/wall")
    scale = await Poll.get(event_id=event.id, kind=PollKind.SCALE)
    await open_poll(await organiser(), scale.id)
    await see(user, "Wie zufrieden sind Sie mit dem Radverkehr in der Innenstadt?")
    await see(user, "1 – gar nicht zufrieden")
    await see(user, "5 – sehr zufrieden")
    assert (await Poll.get(kind=PollKind.SINGLE, event_id=event.id)).state is PollState.CLOSED
    assert await answer(user, {"value": "4"}) == (True, SAVED)
    assert await answer(user, {"value": "9"}) == (False, "Bitte wählen Sie einen Wert von 1 bis 5.")


async def test_hidden_results_say_when_they_come(user: User) -> None:
    event = await Event.first()
    ranking = await Poll.get(event_id=event.id, kind=PollKind.RANKING).prefetch_related("options")
    assert ranking.results_visibility is ResultsVisibility.AFTER_CLOSING
    orga = await organiser()
    await open_poll(orga, ranking.id)
    await user.open("/wall")
    await see(user, "Das Ergebnis erscheint hier, sobald die Umfrage geschlossen ist.")
    order = [option.id for option in reversed(ranking.options)]
    assert await answer(user, {"order": order}) == (True, SAVED)
    await close_poll(orga, ranking.id)
    await see(user, "Die Umfrage ist geschlossen.")
    with user:
        assert await eventually(lambda: table_rows(user)[0] == ["Lebendige Innenstadt", "4"], 3)


async def test_a_tab_opened_after_the_closing_shows_the_closed_poll_and_its_results(user: User) -> None:
    poll = await demo_poll()
    await user.open("/wall")
    assert (await answer(user, {"choices": [poll.options[1].id]}))[0]
    await close_poll(await organiser(), poll.id)
    await user.open("/wall")  # the page anew, no poll open any more
    await see(user, "Welches Thema ist Ihnen für die Stadtstrategie am wichtigsten?")
    await see(user, "Die Umfrage ist geschlossen.")
    await see_no(user, "Antwort senden")
    with user:
        assert await eventually(lambda: table_rows(user)[1] == ["Mobilität", "1"], 3)


async def test_a_poll_with_results_for_moderators_only_is_not_shown_after_the_closing(user: User) -> None:
    poll = await demo_poll()
    poll.results_visibility = ResultsVisibility.MODERATORS
    await poll.save(update_fields=["results_visibility"])
    await close_poll(await organiser(), poll.id)
    await user.open("/wall")
    await see(user, marker="post-form")
    await see_no(user, "Welches Thema ist Ihnen für die Stadtstrategie am wichtigsten?")
