"""Taking back a hide or a rejection within 10 seconds (issue 15): by the app's clock, by the
moderator who decided, only while nothing else happened to the post, and logged both ways."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.bus import CONTRIBUTION, bus
from core.clock import frozen_at, utcnow
from core.errors import ServiceError
from features.contributions.service import post_contribution
from features.moderation import service as moderation
from features.moderation.undo import UNDO_WINDOW, undo_decision
from models.contribution import Contribution, Status
from models.event import ModerationMode
from models.moderation import ModerationLogEntry
from tests.support.factories import open_event
from tests.support.user import eventually


async def status_of(contribution_id: int) -> Status:
    return (await Contribution.get(id=contribution_id)).status


async def log_of(event_id: int) -> list[tuple[str, str, int | None, str]]:
    rows = (
        await ModerationLogEntry.filter(event_id=event_id)
        .order_by("id")
        .values_list("staff_name", "action", "contribution_id", "reason")
    )
    return [tuple(row) for row in rows]


async def refused(call: object) -> str:
    with pytest.raises(ServiceError) as refusal:
        await call  # type: ignore[misc]
    return refusal.value.key


async def test_a_hide_is_undone_within_ten_seconds_and_both_are_logged(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    heard: list[int] = []
    bus().subscribe(CONTRIBUTION, lambda signal: heard.append(signal.ids["contribution_id"]))
    post = await post_contribution(event.id, "a", "Aus Versehen ausgeblendet")
    decided = utcnow()
    with frozen_at(decided):
        await moderation.hide(moderator, post.id)
    with frozen_at(decided + UNDO_WINDOW - timedelta(milliseconds=100)):
        undone = await undo_decision(moderator, post.id)
    assert undone.status == Status.PUBLISHED and await status_of(post.id) == Status.PUBLISHED
    assert await log_of(event.id) == [("Mira", "hide", post.id, ""), ("Mira", "undo_hide", post.id, "")]
    # the post, the hide, the undo: walls and screens hear of each
    assert await eventually(lambda: heard == [post.id] * 3)
    entry = await ModerationLogEntry.filter(event_id=event.id, action="hide").first()
    assert entry is not None and entry.created_at == decided  # the log keeps the app's clock


async def test_a_rejection_goes_back_into_the_queue(team) -> None:
    moderator, _ = team
    event, _ = await open_event(ModerationMode.PRE)
    post = await post_contribution(event.id, "a", "Doch kein Spam")
    decided = utcnow()
    with frozen_at(decided):
        await moderation.reject(moderator, post.id, "advertising")
    with frozen_at(decided + timedelta(seconds=3)):
        await undo_decision(moderator, post.id)
    assert await status_of(post.id) == Status.PENDING
    assert await log_of(event.id) == [("Mira", "reject", post.id, "advertising"), ("Mira", "undo_reject", post.id, "")]
    assert await moderation.rejected_of_author(event.id, "a") == []  # the author's card no longer says rejected


async def test_after_ten_seconds_the_undo_is_refused_and_nothing_changes(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    post = await post_contribution(event.id, "a", "Bleibt ausgeblendet")
    decided = utcnow()
    with frozen_at(decided):
        await moderation.hide(moderator, post.id)
    with frozen_at(decided + UNDO_WINDOW + timedelta(milliseconds=100)):
        assert await refused(undo_decision(moderator, post.id)) == "moderation.undo_expired"
    assert await status_of(post.id) == Status.HIDDEN
    assert [row[1] for row in await log_of(event.id)] == ["hide"]
    await moderation.restore(moderator, post.id)  # the way after the window
    assert await status_of(post.id) == Status.PUBLISHED


async def test_only_the_deciding_moderator_undoes_and_only_the_last_decision(team) -> None:
    moderator, organiser = team
    event, _ = await open_event()
    post = await post_contribution(event.id, "a", "Hin und her")
    decided = utcnow()
    with frozen_at(decided):
        await moderation.hide(moderator, post.id)
        assert await refused(undo_decision(organiser, post.id)) == "moderation.undo_not_yours"
        assert await refused(undo_decision(None, post.id)) == "forbidden"
        await moderation.restore(organiser, post.id)  # someone else decided meanwhile: nothing to undo
        assert await refused(undo_decision(moderator, post.id)) == "moderation.already_decided"
        await moderation.hide(moderator, post.id)
        await undo_decision(moderator, post.id)
        assert await refused(undo_decision(moderator, post.id)) == "moderation.already_decided"  # once
        await moderation.approve_many(moderator, event.id, [post.id])  # approving is no undoable decision
        assert await refused(undo_decision(moderator, post.id)) == "moderation.already_decided"
    assert await status_of(post.id) == Status.PUBLISHED
    assert [row[1] for row in await log_of(event.id)] == ["hide", "restore", "hide", "undo_hide"]


async def test_undoing_a_hide_puts_the_post_back_on_the_screen_unless_another_took_its_place(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    first = await post_contribution(event.id, "a", "Gerade auf der Leinwand")
    second = await post_contribution(event.id, "b", "Der nächste")
    await moderation.highlight(moderator, event.id, first.id)
    await moderation.hide(moderator, first.id)
    assert not (await Contribution.get(id=first.id)).highlighted
    await undo_decision(moderator, first.id)
    assert (await Contribution.get(id=first.id)).highlighted  # back where the hall saw it

    await moderation.hide(moderator, first.id)
    await moderation.highlight(moderator, event.id, second.id)  # meanwhile, another post on the screen
    await undo_decision(moderator, first.id)
    restored = await Contribution.get(id=first.id)
    assert restored.status == Status.PUBLISHED and not restored.highlighted
    assert (await Contribution.get(id=second.id)).highlighted
    hides = await ModerationLogEntry.filter(event_id=event.id, action="hide").values_list("detail", flat=True)
    assert hides == [moderation.WAS_HIGHLIGHTED, moderation.WAS_HIGHLIGHTED]
