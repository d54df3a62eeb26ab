"""Polls: every kind, every refusal, one answer per browser, results counted by the database."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from core.bus import Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from core.signals import catch_up_since
from features.polls import service as polls
from features.polls.service import PollDraft
from models.contribution import Channel
from models.event import Event, ScreenMode
from models.moderation import ModerationLogEntry
from models.poll import PollAnswer, PollKind, PollState, ResultsVisibility
from settings import get_settings
from tests.support.factories import open_event, organiser

CHOICES = ("Wohnen", "Verkehr", "Klima")


async def a_poll(kind: PollKind = PollKind.SINGLE, *, open_it: bool = True, **draft: object):
    event, _ = await open_event()
    staff = await organiser()
    options = draft.pop("options", CHOICES if kind in polls.KINDS_WITH_OPTIONS else ())
    poll = await polls.create_poll(
        staff, event.id, PollDraft(kind=kind, question="Was ist Ihnen wichtig?", options=options, **draft)
    )
    if open_it:
        poll = await polls.open_poll(staff, poll.id)
    return staff, poll


def ids(poll) -> list[int]:
    return [option.id for option in poll.options]


async def test_single_choice_counts_hall_and_online(db) -> None:
    _, poll = await a_poll()
    first, second, _ = ids(poll)
    await polls.answer_poll(poll.id, "a", choices=[first], channel=Channel.HALL)
    await polls.answer_poll(poll.id, "b", choices=[first])
    await polls.answer_poll(poll.id, "c", choices=[second])
    results = await polls.results_of(poll)
    assert results.answers == polls.Count3(3, 1, 2)
    assert [(o.label, o.count) for o in results.options] == [
        ("Wohnen", polls.Count3(2, 1, 1)),
        ("Verkehr", polls.Count3(1, 0, 1)),
        ("Klima", polls.Count3(0, 0, 0)),
    ]
    assert results.options[0].count.percent_of(results.answers.total) == 67


async def test_after_a_gap_changed_polls_and_answers_are_announced_again(db) -> None:
    """The catch-up of a process that lost the bus (core.signals): on PostgreSQL too, where a
    DISTINCT over the model's default ordering is refused."""
    gap_began = utcnow() - timedelta(seconds=1)
    _, poll = await a_poll()
    await polls.answer_poll(poll.id, "a", choices=[ids(poll)[0]])
    assert Signal(polls.POLLS, poll.event_id) in await polls.polls_since(gap_began)
    assert await polls.answers_since(gap_began) == [Signal(polls.POLL_RESULTS, poll.event_id, {"poll_id": poll.id})]
    assert Signal(polls.POLL_RESULTS, poll.event_id, {"poll_id": poll.id}) in await catch_up_since(gap_began)


async def test_a_second_answer_replaces_the_first(db) -> None:
    _, poll = await a_poll()
    first, second, _ = ids(poll)
    await polls.answer_poll(poll.id, "a", choices=[first])
    await polls.answer_poll(poll.id, "a", choices=[second])
    results = await polls.results_of(poll)
    assert results.answers.total == 1
    assert [o.count.total for o in results.options] == [0, 1, 0]
    assert (await polls.own_answer(poll.id, "a")).choices == (second,)


async def test_two_answers_of_one_browser_at_once_store_one(db) -> None:
    _, poll = await a_poll()
    first, second, _ = ids(poll)
    await asyncio.gather(
        polls.answer_poll(poll.id, "a", choices=[first]), polls.answer_poll(poll.id, "a", choices=[second])
    )
    assert await PollAnswer.filter(poll_id=poll.id).count() == 1
    assert sum(o.count.total for o in (await polls.results_of(poll)).options) == 1


async def test_multiple_choice_respects_the_maximum(db) -> None:
    _, poll = await a_poll(PollKind.MULTIPLE, max_choices=2)
    first, second, third = ids(poll)
    with pytest.raises(ServiceError) as refused:
        await polls.answer_poll(poll.id, "a", choices=[first, second, third])
    assert refused.value.key == "poll.too_many" and refused.value.params == {"most": 2}
    await polls.answer_poll(poll.id, "a", choices=[first, third])
    assert [o.count.total for o in (await polls.results_of(poll)).options] == [1, 0, 1]


async def test_single_choice_refuses_two(db) -> None:
    _, poll = await a_poll()
    with pytest.raises(ServiceError, match=r"poll\.too_many"):
        await polls.answer_poll(poll.id, "a", choices=ids(poll)[:2])


async def test_an_option_of_another_poll_is_refused(db) -> None:
    staff, poll = await a_poll()
    other = await polls.create_poll(staff, poll.event_id, PollDraft(PollKind.SINGLE, "Andere?", ("Ja", "Nein")))
    for choices in ([ids(other)[0]], [ids(poll)[0], ids(poll)[0]], [999_999]):
        with pytest.raises(ServiceError, match=r"poll\.foreign_option"):
            await polls.answer_poll(poll.id, "a", choices=choices)
    with pytest.raises(ServiceError, match=r"poll\.nothing_chosen"):
        await polls.answer_poll(poll.id, "a", choices=[])
    assert await PollAnswer.filter(poll_id=poll.id).count() == 0


async def test_closed_and_draft_polls_take_no_answers(db) -> None:
    staff, poll = await a_poll()
    await polls.close_poll(staff, poll.id)
    with pytest.raises(ServiceError, match=r"poll\.closed"):
        await polls.answer_poll(poll.id, "a", choices=ids(poll)[:1])
    _, draft = await a_poll(open_it=False)
    with pytest.raises(ServiceError, match=r"poll\.not_open"):
        await polls.answer_poll(draft.id, "a", choices=ids(draft)[:1])
    with pytest.raises(NotFound):
        await polls.answer_poll(123_456, "a", choices=[1])


async def test_scale_counts_every_point_and_the_mean(db) -> None:
    _, poll = await a_poll(PollKind.SCALE, scale_min=1, scale_max=5, scale_min_label="nie", scale_max_label="sehr")
    for browser, value in (("a", 5), ("b", 4), ("c", 4)):
        await polls.answer_poll(poll.id, browser, value=value)
    for wrong in (0, 6, None):
        with pytest.raises(ServiceError, match=r"poll\.scale_value"):
            await polls.answer_poll(poll.id, "d", value=wrong)
    results = await polls.results_of(poll)
    assert [(point, count.total) for point, count in results.scale] == [(1, 0), (2, 0), (3, 0), (4, 2), (5, 1)]
    assert results.mean == pytest.approx(13 / 3)


async def test_ranking_gives_points_by_place(db) -> None:
    _, poll = await a_poll(PollKind.RANKING)
    housing, traffic, climate = ids(poll)
    await polls.answer_poll(poll.id, "a", choices=[climate, housing, traffic])
    await polls.answer_poll(poll.id, "b", choices=[climate, traffic, housing])
    results = await polls.results_of(poll)
    assert [(o.label, o.score) for o in results.options] == [("Klima", 6), ("Wohnen", 3), ("Verkehr", 3)]
    assert (await polls.own_answer(poll.id, "a")).choices == (climate, housing, traffic)


async def test_word_cloud_groups_answers_and_holds_blocked_and_removed_ones(db) -> None:
    staff, poll = await a_poll(PollKind.WORDS)
    for browser, words in (("a", "Mehr Radwege"), ("b", "mehr  radwege"), ("c", "Bäume"), ("d", "Idiot")):
        await polls.answer_poll(poll.id, browser, words=words)
    await Event.filter(id=poll.event_id).update(blocked_words="idiot")
    results = await polls.results_of(poll)
    assert [(w.words.casefold(), w.count) for w in results.words] == [("mehr radwege", 2), ("bäume", 1)]
    assert [w.words for w in results.held_words] == ["Idiot"]
    await polls.remove_word(staff, poll.id, "BÄUME")
    results = await polls.results_of(await polls.get_poll(poll.id))
    assert [w.count for w in results.words] == [2]
    assert {w.words for w in results.held_words} == {"Idiot", "Bäume"}
    assert await ModerationLogEntry.filter(action="poll_word_removed").count() == 1
    with pytest.raises(ServiceError, match=r"poll\.words_missing"):
        await polls.answer_poll(poll.id, "e", words="   ")
    with pytest.raises(ServiceError, match=r"poll\.words_too_long"):
        await polls.answer_poll(poll.id, "e", words="x" * 61)


async def test_opening_a_poll_closes_the_one_before(db) -> None:
    staff, first = await a_poll()
    second = await polls.create_poll(staff, first.event_id, PollDraft(PollKind.WORDS, "Ein Wort?"))
    await polls.open_poll(staff, second.id)
    assert (await polls.get_poll(first.id)).state is PollState.CLOSED
    assert (await polls.open_poll_of(first.event_id)).id == second.id


async def test_drafts_are_checked_and_only_drafts_edited(db) -> None:
    event, _ = await open_event()
    staff = await organiser()
    wrong = {
        "poll.question_missing": PollDraft(PollKind.WORDS, "  "),
        "poll.option_count": PollDraft(PollKind.SINGLE, "Frage?", ("nur eine",)),
        "poll.option_twice": PollDraft(PollKind.SINGLE, "Frage?", ("Ja", "ja")),
        "poll.max_choices": PollDraft(PollKind.MULTIPLE, "Frage?", ("a", "b"), max_choices=3),
        "poll.scale_range": PollDraft(PollKind.SCALE, "Frage?", scale_min=5, scale_max=1),
        "poll.question_too_long": PollDraft(PollKind.WORDS, "x" * 301),
    }
    for key, draft in wrong.items():
        with pytest.raises(ServiceError) as refused:
            await polls.create_poll(staff, event.id, draft)
        assert refused.value.key == key
    assert await polls.polls_of(event.id) == []
    with pytest.raises(ServiceError, match="forbidden"):
        await polls.create_poll(None, event.id, PollDraft(PollKind.WORDS, "Frage?"))
    poll = await polls.create_poll(staff, event.id, PollDraft(PollKind.SINGLE, "Frage?", ("a", "b")))
    edited = await polls.update_poll(staff, poll.id, PollDraft(PollKind.SINGLE, "Neue Frage?", ("x", "y", "z")))
    assert edited.question == "Neue Frage?" and [o.label for o in edited.options] == ["x", "y", "z"]
    await polls.open_poll(staff, poll.id)
    with pytest.raises(ServiceError, match=r"poll\.not_editable"):
        await polls.update_poll(staff, poll.id, PollDraft(PollKind.SINGLE, "Anders?", ("a", "b")))
    with pytest.raises(ServiceError, match=r"poll\.close_first"):
        await polls.delete_poll(staff, poll.id)


async def test_order_delete_and_the_screen(db) -> None:
    event, _ = await open_event()
    staff = await organiser()
    made = [await polls.create_poll(staff, event.id, PollDraft(PollKind.WORDS, f"Frage {n}?")) for n in range(3)]
    await polls.move_poll(staff, made[2].id, -1)
    assert [p.question for p in await polls.polls_of(event.id)] == ["Frage 0?", "Frage 2?", "Frage 1?"]
    await polls.move_poll(staff, made[0].id, -1)  # already first: nothing moves
    assert [p.question for p in await polls.polls_of(event.id)] == ["Frage 0?", "Frage 2?", "Frage 1?"]
    await polls.delete_poll(staff, made[1].id)
    assert [p.question for p in await polls.polls_of(event.id)] == ["Frage 0?", "Frage 2?"]
    await polls.show_on_screen(staff, made[0].id)
    await polls.show_on_screen(staff, made[2].id)
    assert (await polls.poll_on_screen(event.id)).id == made[2].id
    assert (await Event.get(id=event.id)).screen_mode is ScreenMode.POLL


async def test_results_visibility(db) -> None:
    staff, poll = await a_poll(results_visibility=ResultsVisibility.AFTER_CLOSING)
    assert not polls.results_visible(poll) and polls.results_visible(poll, staff=True)
    assert polls.results_visible(await polls.close_poll(staff, poll.id))
    _, hidden = await a_poll(results_visibility=ResultsVisibility.MODERATORS)
    assert not polls.results_visible(await polls.close_poll(staff, hidden.id))
    _, live = await a_poll()
    assert polls.results_visible(live)


async def test_a_storm_of_answers_is_a_few_announcements(db) -> None:
    _, poll = await a_poll()
    heard: list[object] = []
    unsubscribe = bus().subscribe(polls.POLL_RESULTS, heard.append)
    try:
        option = ids(poll)[0]
        await asyncio.gather(*(polls.answer_poll(poll.id, f"b{n}", choices=[option]) for n in range(60)))
        await polls.results_announcer.flush()
        for _ in range(100):  # the bus dispatches in its own task: wait until it has
            if heard:
                break
            await asyncio.sleep(0.02)
    finally:
        unsubscribe()
    assert 1 <= len(heard) <= 3
    assert (await polls.results_of(poll)).answers.total == 60


async def test_answers_are_rate_limited(db) -> None:
    _, poll = await a_poll()
    option = ids(poll)[0]
    for _ in range(get_settings().poll_rate_limit):
        await polls.answer_poll(poll.id, "a", choices=[option])
    with pytest.raises(ServiceError, match="rate_limited"):
        await polls.answer_poll(poll.id, "a", choices=[option])
