"""What waits in the queue and since when (issue 15, "the month after")."""

from __future__ import annotations

from datetime import timedelta

from core.clock import utcnow
from features.contributions.service import post_contribution
from features.moderation import service as moderation
from features.moderation.backlog import age_parts, queue_backlog
from models.contribution import Contribution
from models.event import ModerationMode
from tests.support.factories import open_event


async def test_the_backlog_counts_the_queue_and_knows_the_oldest(team) -> None:
    moderator, _ = team
    event, _ = await open_event(ModerationMode.PRE)
    assert (await queue_backlog(event.id)).count == 0
    assert (await queue_backlog(event.id)).oldest is None
    now = utcnow()
    posts = [await post_contribution(event.id, f"p{n}", f"Wartet {n}") for n in range(3)]
    for days, item in zip((1, 3, 2), posts, strict=True):
        await Contribution.filter(id=item.id).update(created_at=now - timedelta(days=days))
    await moderation.approve(moderator, posts[0].id)
    backlog = await queue_backlog(event.id)
    assert backlog.count == 2 and backlog.oldest == now - timedelta(days=3)
    assert backlog.waited(now) == timedelta(days=3)
    await moderation.reject(moderator, posts[1].id, "duplicate")
    backlog = await queue_backlog(event.id)
    assert backlog.count == 1 and backlog.oldest == now - timedelta(days=2)
    other, _ = await open_event(ModerationMode.PRE)
    assert (await queue_backlog(other.id)).count == 0  # per event


def test_an_age_is_named_by_its_largest_whole_unit() -> None:
    assert age_parts(timedelta(seconds=59)) == ("minutes", 0)
    assert age_parts(timedelta(minutes=1, seconds=30)) == ("minutes", 1)
    assert age_parts(timedelta(minutes=59)) == ("minutes", 59)
    assert age_parts(timedelta(hours=2, minutes=50)) == ("hours", 2)
    assert age_parts(timedelta(days=3, hours=23)) == ("days", 3)
    assert age_parts(timedelta(seconds=-5)) == ("minutes", 0)
