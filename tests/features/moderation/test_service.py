"""Highlighting a post for the hall screen: one at a time, published only, announced on the bus."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from core.bus import CONTRIBUTION, Signal, bus
from core.errors import NotFound
from features.contributions.service import post_contribution
from features.moderation.service import highlighted_contribution, set_highlight
from models.contribution import Contribution, Status
from models.database import close_database, open_database
from models.event import ModerationMode
from tests.support.database import POSTGRES_ADMIN_URL
from tests.support.factories import open_event
from tests.support.signals import all_delivered


async def flags(event_id: int) -> dict[int, bool]:
    return dict(await Contribution.filter(event_id=event_id).values_list("id", "highlighted"))


async def test_one_highlight_at_a_time(db) -> None:
    event, _ = await open_event()
    first = await post_contribution(event.id, "a", "Erster Beitrag")
    second = await post_contribution(event.id, "b", "Zweiter Beitrag")
    await set_highlight(event.id, first.id)
    assert await flags(event.id) == {first.id: True, second.id: False}
    await set_highlight(event.id, second.id)
    assert await flags(event.id) == {first.id: False, second.id: True}
    assert (await highlighted_contribution(event.id)).id == second.id
    await set_highlight(event.id, None)
    assert await flags(event.id) == {first.id: False, second.id: False}
    assert await highlighted_contribution(event.id) is None


async def test_highlights_of_other_events_stay(db) -> None:
    event, _ = await open_event()
    other, _ = await open_event()
    here = await post_contribution(event.id, "a", "Hier")
    there = await post_contribution(other.id, "b", "Dort")
    await set_highlight(other.id, there.id)
    await set_highlight(event.id, here.id)
    assert (await highlighted_contribution(other.id)).id == there.id
    with pytest.raises(NotFound):  # a post of another event is not this event's to show
        await set_highlight(event.id, there.id)
    assert (await highlighted_contribution(event.id)).id == here.id


@pytest.mark.parametrize("status", [Status.PENDING, Status.HIDDEN, Status.REJECTED])
async def test_only_a_published_post_can_be_highlighted(db, status) -> None:
    event, _ = await open_event()
    shown = await post_contribution(event.id, "a", "Sichtbar")
    post = await post_contribution(event.id, "b", "Nicht freigegeben")
    await Contribution.filter(id=post.id).update(status=status)
    await set_highlight(event.id, shown.id)
    with pytest.raises(NotFound) as refused:
        await set_highlight(event.id, post.id)
    assert refused.value.key == "contribution_not_found"
    assert await flags(event.id) == {shown.id: True, post.id: False}  # nothing changed


async def test_pending_post_in_pre_moderation_is_refused(db) -> None:
    event, _ = await open_event(ModerationMode.PRE)
    post = await post_contribution(event.id, "a", "Wartet auf Freigabe")
    with pytest.raises(NotFound):
        await set_highlight(event.id, post.id)


async def test_unknown_contribution_is_not_found(db) -> None:
    event, _ = await open_event()
    with pytest.raises(NotFound) as refused:
        await set_highlight(event.id, 424242)
    assert refused.value.key == "contribution_not_found"


async def test_a_hidden_highlight_is_no_longer_shown(db) -> None:
    event, _ = await open_event()
    post = await post_contribution(event.id, "a", "Gleich versteckt")
    await set_highlight(event.id, post.id)
    await Contribution.filter(id=post.id).update(status=Status.HIDDEN)
    assert await highlighted_contribution(event.id) is None


async def test_old_and_new_highlight_are_announced(db) -> None:
    event, _ = await open_event()
    first = await post_contribution(event.id, "a", "Erster")
    second = await post_contribution(event.id, "b", "Zweiter")
    await all_delivered()  # the two posts' own signals are handled before we listen
    heard: list[Signal] = []
    unsubscribe = bus().subscribe(CONTRIBUTION, heard.append)
    try:
        await set_highlight(event.id, first.id)
        await set_highlight(event.id, second.id)
        await set_highlight(event.id, second.id)  # no change, nothing to tell
        await set_highlight(event.id, None)
        await all_delivered()
    finally:
        unsubscribe()
    said = [(e.event_id, e.ids["contribution_id"]) for e in heard]
    assert said == [(event.id, first.id), (event.id, first.id), (event.id, second.id), (event.id, second.id)]


async def test_highlight_postgres_one_at_a_time() -> None:
    """The row locks (SELECT … FOR UPDATE) are real on PostgreSQL; needs the local server (README)."""
    name = f"sg_moderation_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        await open_database(f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}")
        await bus().start()
        try:
            event, _ = await open_event()
            first = await post_contribution(event.id, "a", "Erster")
            second = await post_contribution(event.id, "b", "Zweiter")
            await set_highlight(event.id, first.id)
            await asyncio.gather(set_highlight(event.id, second.id), set_highlight(event.id, first.id))
            assert sum((await flags(event.id)).values()) == 1
            await set_highlight(event.id, None)
            assert await highlighted_contribution(event.id) is None
        finally:
            await bus().stop()
            await close_database()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
