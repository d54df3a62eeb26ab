"""The wall's rule on top of the participation window, to the second, and the service enforcing
it: before the conference nothing (and from when), live open, after it read-only unless the
organisers keep it open, closed nothing; comments and proposals on results stay open after the
conference until participation closes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import ServiceError
from core.phase import (
    EventPhase,
    WallState,
    event_phase,
    require_wall_open,
    wall_accepts,
    wall_opens_at,
    wall_state,
)
from features.contributions.service import post_comment, post_contribution, post_proposal
from models.contribution import Contribution
from tests.support.factories import START, a_result, make_event

END = START + timedelta(hours=2)
CLOSES = END + timedelta(days=30)


async def conference(**fields: object):
    """make_event's two hours from START, participation open from START to a month after."""
    event, items = await make_event()
    event.participation_opens_at, event.participation_closes_at = START, CLOSES
    for name, value in fields.items():
        setattr(event, name, value)
    await event.save()
    return event, items


@pytest.mark.parametrize(("offset", "phase", "state"), [
    (-timedelta(seconds=1), EventPhase.BEFORE, WallState.NOT_YET),
    (timedelta(0), EventPhase.LIVE, WallState.OPEN),
    (timedelta(hours=2) - timedelta(seconds=1), EventPhase.LIVE, WallState.OPEN),
    (timedelta(hours=2), EventPhase.AFTER, WallState.READ_ONLY),
    (timedelta(hours=2, days=30) - timedelta(seconds=1), EventPhase.AFTER, WallState.READ_ONLY),
    (timedelta(hours=2, days=30), EventPhase.CLOSED, WallState.CLOSED),
])
async def test_the_wall_follows_the_phase_to_the_second(db, offset, phase, state) -> None:
    event, _ = await conference()
    assert (event_phase(event, START + offset), wall_state(event, START + offset)) == (phase, state)
    assert wall_accepts(event, START + offset) is (state is WallState.OPEN)


async def test_organisers_can_keep_the_wall_open_after_the_conference_until_participation_closes(db) -> None:
    event, _ = await conference(wall_open_after_event=True)
    assert wall_state(event, END) is WallState.OPEN
    assert wall_state(event, CLOSES - timedelta(seconds=1)) is WallState.OPEN
    assert wall_state(event, CLOSES) is WallState.CLOSED


async def test_the_wall_opens_with_the_conference_and_not_before_participation(db) -> None:
    event, _ = await conference(participation_opens_at=START - timedelta(days=7))
    assert wall_opens_at(event) == START  # participation opened earlier: the wall still waits for the start
    late = START + timedelta(minutes=30)
    event, _ = await conference(participation_opens_at=late)
    assert wall_opens_at(event) == late
    assert wall_state(event, START + timedelta(minutes=10)) is WallState.NOT_YET  # live, but not yet open
    event, _ = await conference(participation_opens_at=None)
    assert wall_opens_at(event) == START


async def test_refusals_say_why_and_from_when(db) -> None:
    event, _ = await conference()
    with pytest.raises(ServiceError) as before:
        require_wall_open(event, START - timedelta(days=3))
    assert (before.value.key, before.value.params) == ("wall.not_open", {"opens_at": START})
    with pytest.raises(ServiceError) as after:
        require_wall_open(event, END)
    assert after.value.key == "wall.read_only"
    with pytest.raises(ServiceError) as closed:
        require_wall_open(event, CLOSES)
    assert (closed.value.key, closed.value.params) == ("participation.closed", {"closed_at": CLOSES})
    require_wall_open(event, START)  # live: nothing to say


@pytest.mark.parametrize(("moment", "key"), [
    (START - timedelta(seconds=1), "wall.not_open"),
    (END, "wall.read_only"),
    (END + timedelta(days=12), "wall.read_only"),
    (CLOSES, "participation.closed"),
])
async def test_the_service_refuses_wall_posts_outside_the_wall_and_stores_nothing(db, moment, key) -> None:
    event, _ = await conference()
    with pytest.raises(ServiceError) as refused:
        await post_contribution(event.id, "browser", "Hallo Wand", now=moment)
    assert refused.value.key == key
    assert await Contribution.all().count() == 0


async def test_the_service_takes_wall_posts_live_and_after_when_the_wall_stays_open(db) -> None:
    event, _ = await conference()
    assert (await post_contribution(event.id, "a", "Live", now=START)).text == "Live"
    event.wall_open_after_event = True
    await event.save()
    after = await post_contribution(event.id, "b", "Danach", now=END + timedelta(days=3))
    assert (after.text, after.agenda_item_id) == ("Danach", None)  # nothing is on stage any more


async def test_results_stay_open_for_comments_and_proposals_after_the_conference(db) -> None:
    event, _, result = await a_result()
    event.wall_open_after_event = False
    await event.save()
    after = event.ends_at + timedelta(days=1)
    assert event_phase(event, after) is EventPhase.AFTER
    with pytest.raises(ServiceError):
        await post_contribution(event.id, "a", "Auf die Wand", now=after)
    assert (await post_comment(result.id, "a", "Zum Ergebnis", now=after)).text == "Zum Ergebnis"
    assert (await post_proposal(result.id, "b", "Titel", "Vorschlag", now=after)).title == "Titel"
    with pytest.raises(ServiceError) as closed:
        await post_comment(result.id, "c", "zu spät", now=event.participation_closes_at)
    assert closed.value.key == "participation.closed"
