"""The console's overview as a service: counts per list, sort, filter and search in the database
(paging on under each), the same filter for live posts, and posts per minute."""

from __future__ import annotations

from datetime import timedelta

from core.clock import utcnow
from features.contributions.service import post_contribution
from features.moderation import overview
from features.moderation.overview import ListQuery, list_counts, list_filtered, matches, posts_per_minute
from features.moderation.service import OFF_THE_WALL, PUBLISHED, QUEUE, hide, reject
from models.contribution import Channel, Contribution, Status
from tests.support.factories import open_event, organiser


async def scene() -> tuple[int, list[int], dict[str, Contribution]]:
    event, items = await open_event()
    posts = {
        "bank": await post_contribution(event.id, "a", "Mehr Bänke am Markt", agenda_item_id=items[0].id),
        "licht": await post_contribution(event.id, "b", "Licht im Park", channel=Channel.HALL),
        "bus": await post_contribution(
            event.id, "c", "Der Bus fährt zu selten", nickname="Ute", agenda_item_id=items[1].id, channel=Channel.HALL
        ),
        "markt": await post_contribution(event.id, "d", "Wochenmarkt auch samstags"),
    }
    await Contribution.filter(id=posts["licht"].id).update(vote_count=5)
    await Contribution.filter(id=posts["bus"].id).update(vote_count=9, answered=True)
    await Contribution.filter(id=posts["markt"].id).update(vote_count=2)
    # a post is filed under the running item by itself: these two under none
    await Contribution.filter(id__in=[posts["licht"].id, posts["markt"].id]).update(agenda_item_id=None)
    for post in posts.values():
        await post.refresh_from_db()
    return event.id, [item.id for item in items], posts


async def ids(event_id: int, query: ListQuery, statuses=PUBLISHED, **kwargs) -> list[int]:
    return [item.id for item in await list_filtered(await organiser(), event_id, statuses, query, **kwargs)]


async def test_sorts_newest_most_supported_and_unanswered_first(db) -> None:
    event_id, _, p = await scene()
    bank, licht, bus, markt = (p[key].id for key in ("bank", "licht", "bus", "markt"))
    assert await ids(event_id, ListQuery()) == [markt, bus, licht, bank]
    assert await ids(event_id, ListQuery(sort="supported")) == [bus, licht, markt, bank]
    assert await ids(event_id, ListQuery(sort="unanswered")) == [markt, licht, bank, bus]


async def test_filters_by_item_channel_and_text(db) -> None:
    event_id, items, p = await scene()
    assert await ids(event_id, ListQuery(agenda_item_id=items[1])) == [p["bus"].id]
    assert await ids(event_id, ListQuery(agenda_item_id=overview.NO_ITEM)) == [p["markt"].id, p["licht"].id]
    assert await ids(event_id, ListQuery(channel=Channel.HALL)) == [p["bus"].id, p["licht"].id]
    assert await ids(event_id, ListQuery(channel=Channel.ONLINE, search="markt")) == [p["markt"].id, p["bank"].id]
    assert await ids(event_id, ListQuery(search="ute")) == [p["bus"].id]  # the nickname counts too
    assert await ids(event_id, ListQuery(search="nirgends")) == []


async def test_pages_continue_under_every_sort(db) -> None:
    event_id, _, _ = await scene()
    for sort in overview.SORTS:
        whole = await ids(event_id, ListQuery(sort=sort))
        first = await ids(event_id, ListQuery(sort=sort), limit=2)
        rest = await ids(event_id, ListQuery(sort=sort), limit=2, beyond=first[-1], offset=2)
        assert first + rest == whole, sort


async def test_live_posts_are_matched_like_the_query(db) -> None:
    event_id, items, p = await scene()
    queries = [
        ListQuery(),
        ListQuery(agenda_item_id=items[1]),
        ListQuery(agenda_item_id=overview.NO_ITEM),
        ListQuery(channel=Channel.HALL),
        ListQuery(search="MARKT"),
        ListQuery(search="ute", channel=Channel.ONLINE),
    ]
    for query in queries:
        found = set(await ids(event_id, query))
        assert {post.id for post in p.values() if matches(post, query)} == found, query


def test_what_the_controls_send_is_cleaned() -> None:
    assert ListQuery.of("supported", "3", "hall", "  zwei   Wörter ") == ListQuery(
        "supported", 3, Channel.HALL, "zwei Wörter"
    )
    assert ListQuery.of("drop table", "x", "fax", None) == ListQuery()
    assert not ListQuery().filtered and ListQuery(search="a").filtered


async def test_counts_per_list(db) -> None:
    event_id, _, p = await scene()
    orga = await organiser()
    assert await list_counts(event_id) == {"queue": 0, "published": 4, "off": 0}
    await hide(orga, p["bank"].id)
    await Contribution.filter(id=p["licht"].id).update(status=Status.PENDING)
    assert await list_counts(event_id) == {"queue": 1, "published": 2, "off": 1}
    await reject(orga, p["licht"].id, "duplicate")
    assert await list_counts(event_id) == {"queue": 0, "published": 2, "off": 2}
    assert (
        len(await ids(event_id, ListQuery(), QUEUE)) == 0 and len(await ids(event_id, ListQuery(), OFF_THE_WALL)) == 2
    )


async def test_posts_per_minute_over_the_last_ten_minutes(db) -> None:
    event_id, _, p = await scene()
    now = utcnow().replace(second=30, microsecond=0)
    ages = {"bank": 0, "licht": 0, "bus": 4, "markt": 12}  # minutes ago: the last is outside the window
    for key, minutes in ages.items():
        await Contribution.filter(id=p[key].id).update(created_at=now - timedelta(minutes=minutes))
    minutes = await posts_per_minute(event_id, now)
    assert len(minutes) == overview.CHART_MINUTES
    assert [minute.posts for minute in minutes] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert minutes[-1].starts_at == now.replace(second=0)
