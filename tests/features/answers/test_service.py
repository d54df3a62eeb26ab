"""The city's official answers: organisers only, a status and a text, checked, logged, announced,
and shown wherever the contribution is (its view, the exports, the council report)."""

from __future__ import annotations

import asyncio

import pytest

from core.bus import CONTRIBUTION, Signal, bus
from core.errors import NotFound, ServiceError
from features.answers.service import ANSWER_ACTION, AnswerQuery, answer_list, give_answer
from features.contributions.service import view_of
from features.exports.service import collect_export, export_event
from features.moderation import service as moderation
from models.contribution import OFFICIAL_ANSWER_MAX_LENGTH, Contribution, Kind, OfficialStatus
from models.moderation import ModerationLogEntry
from tests.support.factories import open_event, post
from tests.support.pdf import read
from tests.support.xss import XSS_SHORT


async def stored(pk: int) -> tuple:
    row = await Contribution.get(id=pk)
    return row.official_status, row.official_text, row.official_at


async def test_an_organiser_answers_and_every_place_reads_it(team) -> None:
    _moderator, organiser = team
    event, _ = await open_event()
    idea = await post("Mehr Bänke am Hafen")
    heard: list[Signal] = []

    async def on_change(signal: Signal) -> None:
        heard.append(signal)

    stop = bus().subscribe(CONTRIBUTION, on_change)
    try:
        await give_answer(organiser, idea.id, OfficialStatus.ADOPTED, "  Kommt 2027 in den Haushalt.  ")
        async with asyncio.timeout(5):
            while not heard:
                await asyncio.sleep(0.01)
    finally:
        stop()
    assert (heard[0].event_id, heard[0].ids) == (event.id, {"contribution_id": idea.id})
    status, text, at = await stored(idea.id)
    assert (status, text) == (OfficialStatus.ADOPTED, "Kommt 2027 in den Haushalt.") and at is not None
    view = view_of(await Contribution.get(id=idea.id))
    assert (view.official_status, view.official_text) == ("adopted", "Kommt 2027 in den Haushalt.")
    log = await ModerationLogEntry.filter(event_id=event.id, action=ANSWER_ACTION).values_list(
        "contribution_id", "detail", "staff_name"
    )
    assert log == [(idea.id, "adopted", organiser.name)]


async def test_moderators_and_nobody_are_refused_and_nothing_changes(team) -> None:
    moderator, _organiser = team
    await open_event()
    idea = await post("Bitte unverändert")
    for actor in (None, moderator):
        with pytest.raises(ServiceError) as refused:
            await give_answer(actor, idea.id, OfficialStatus.ADOPTED, "Gekapert")
        assert refused.value.key == "forbidden"
        with pytest.raises(ServiceError):
            await answer_list(actor, idea.event_id, AnswerQuery())
    assert await stored(idea.id) == (None, "", None)


@pytest.mark.parametrize(
    ("status", "text", "key"),
    [
        ("", "Ein Text", "answers.bad_status"),
        ("erledigt", "Ein Text", "answers.bad_status"),
        (OfficialStatus.NOT_ADOPTED, "   ", "answers.text_required"),
        (OfficialStatus.ADOPTED, "x" * (OFFICIAL_ANSWER_MAX_LENGTH + 1), "answers.too_long"),
    ],
)
async def test_bad_answers_are_refused_with_a_reason_and_change_nothing(team, status, text, key) -> None:
    _moderator, organiser = team
    event, _ = await open_event()
    idea = await post("Eine Idee")
    with pytest.raises(ServiceError) as refused:
        await give_answer(organiser, idea.id, status, text)
    assert refused.value.key == key
    assert await stored(idea.id) == (None, "", None)
    assert not await ModerationLogEntry.filter(event_id=event.id, action=ANSWER_ACTION).exists()


async def test_in_review_may_come_without_a_text_and_an_unchanged_answer_logs_nothing(team) -> None:
    _moderator, organiser = team
    event, _ = await open_event()
    idea = await post("Eine Idee")
    await give_answer(organiser, idea.id, OfficialStatus.IN_REVIEW, "")
    await give_answer(organiser, idea.id, OfficialStatus.IN_REVIEW, "")
    await give_answer(organiser, idea.id, OfficialStatus.PARTLY_ADOPTED, "Der nördliche Teil ja.")
    details = (
        await ModerationLogEntry.filter(event_id=event.id, action=ANSWER_ACTION)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["in_review", "partly_adopted"]


async def test_only_published_contributions_of_this_site_get_an_answer(team) -> None:
    moderator, organiser = team
    await open_event()
    hidden = await post("Versteckt")
    await moderation.hide(moderator, hidden.id)
    with pytest.raises(ServiceError) as refused:
        await give_answer(organiser, hidden.id, OfficialStatus.ADOPTED, "Text")
    assert refused.value.key == "answers.not_published"
    with pytest.raises(NotFound):
        await give_answer(organiser, 999_999, OfficialStatus.ADOPTED, "Text")
    assert await stored(hidden.id) == (None, "", None)


async def test_the_list_holds_open_ones_oldest_first_by_kind(team) -> None:
    _moderator, organiser = team
    event, _ = await open_event()
    first, second, third = [await post(f"Idee {n}") for n in range(3)]
    await give_answer(organiser, second.id, OfficialStatus.ALREADY_DONE, "Gibt es seit Mai.")
    open_ones, total = await answer_list(organiser, event.id, AnswerQuery())
    assert ([item.id for item in open_ones], total) == ([first.id, third.id], 2)
    every, total = await answer_list(organiser, event.id, AnswerQuery(open_only=False))
    assert ([item.id for item in every], total) == ([first.id, second.id, third.id], 3)
    proposals, total = await answer_list(organiser, event.id, AnswerQuery(kind=Kind.PROPOSAL))
    assert (proposals, total) == ([], 0)


async def test_exports_and_the_report_carry_the_answer_as_text(team) -> None:
    _moderator, organiser = team
    event, _ = await open_event()
    idea = await post("Mehr Schatten auf dem Markt")
    await give_answer(organiser, idea.id, OfficialStatus.NOT_ADOPTED, f"Zu teuer {XSS_SHORT}")
    collected = await collect_export(organiser, event.id)
    row = next(row for row in collected.rows if row.id == idea.id)
    assert (row.official_status, row.official_text) == ("not_adopted", f"Zu teuer {XSS_SHORT}")
    csv = (await export_event(organiser, event.id, "csv")).data.decode("utf-8-sig")
    assert "Stand (Antwort der Stadt)" in csv.splitlines()[0] and ";Nicht aufgenommen;Zu teuer <img" in csv
    _reader, text = read((await export_event(organiser, event.id, "pdf")).data)
    assert "Antwort der Stadt: Nicht aufgenommen" in text and "Zu teuer" in text
