"""The console's overview: how many posts each list holds, the lists sorted, filtered and
searched by the database (so "more" pages on under a filter), and posts per minute.

`matches` is the same filter in Python, for a post a live signal announces: a list under a
filter shows a changed post only if the database query would have returned it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from tortoise.expressions import Q
from tortoise.functions import Count

from core.clock import utcnow
from features.staff.service import require_role
from models.contribution import Channel, Contribution, Status
from models.staff import StaffAccount

Sort = Literal["newest", "supported", "unanswered"]
SORTS: tuple[Sort, ...] = ("newest", "supported", "unanswered")
NO_ITEM = 0  # the programme item filter "filed under none"
MAX_SEARCH = 100
CHART_MINUTES = 10
VARIANTS = {"queue": (Status.PENDING,), "published": (Status.PUBLISHED,), "off": (Status.HIDDEN, Status.REJECTED)}


@dataclass(frozen=True)
class ListQuery:
    """How a moderator wants a list: the sort, a programme item (NO_ITEM: none), a channel, a text."""

    sort: Sort = "newest"
    agenda_item_id: int | None = None
    channel: Channel | None = None
    search: str = ""

    @staticmethod
    def of(
        sort: object = "newest", agenda_item_id: object = None, channel: object = None, search: object = ""
    ) -> ListQuery:
        """From what the controls send: anything unknown means "no filter"."""
        known_sort: Sort = sort if sort in SORTS else "newest"  # type: ignore[assignment]
        item = int(agenda_item_id) if isinstance(agenda_item_id, int) or str(agenda_item_id).isdigit() else None
        way = Channel(channel) if channel in {value.value for value in Channel} else None
        text = " ".join(str(search or "").split())[:MAX_SEARCH]
        return ListQuery(known_sort, item, way, text)

    @property
    def filtered(self) -> bool:
        return self.agenda_item_id is not None or self.channel is not None or bool(self.search)

    @property
    def keyset(self) -> bool:
        """Ordered by id alone: the next page continues after the last id shown."""
        return self.sort == "newest"


def matches(contribution: Contribution, query: ListQuery) -> bool:
    """Would the database query for `query` return this post (status aside)?"""
    if query.agenda_item_id is not None and (contribution.agenda_item_id or NO_ITEM) != query.agenda_item_id:
        return False
    if query.channel is not None and contribution.channel != query.channel:
        return False
    if query.search:
        needle = query.search.casefold()
        haystack = (contribution.text, contribution.title or "", contribution.nickname or "")
        return any(needle in part.casefold() for part in haystack)
    return True


def _ordering(query: ListQuery, oldest_first: bool) -> list[str]:
    by_id = "id" if oldest_first else "-id"
    if query.sort == "supported":
        return ["-vote_count", by_id]
    if query.sort == "unanswered":
        return ["answered", by_id]
    return [by_id]


async def list_filtered(
    actor: StaffAccount | None,
    event_id: int,
    statuses: tuple[Status, ...],
    query: ListQuery,
    *,
    limit: int = 100,
    beyond: int | None = None,
    offset: int = 0,
) -> list[Contribution]:
    """One page of a console list as `query` wants it.

    Sorted by newest, the queue runs oldest first (first come, first decided) and the others newest
    first, and `beyond` (the last id shown) continues the list; sorted otherwise, `offset` does.
    """
    await require_role(actor)
    rows = Contribution.filter(event_id=event_id, status__in=list(statuses))
    if query.agenda_item_id == NO_ITEM:
        rows = rows.filter(agenda_item_id__isnull=True)
    elif query.agenda_item_id is not None:
        rows = rows.filter(agenda_item_id=query.agenda_item_id)
    if query.channel is not None:
        rows = rows.filter(channel=query.channel)
    if query.search:
        rows = rows.filter(
            Q(text__icontains=query.search) | Q(title__icontains=query.search) | Q(nickname__icontains=query.search)
        )
    oldest_first = statuses == VARIANTS["queue"]
    if query.keyset and beyond is not None:
        rows = rows.filter(id__gt=beyond) if oldest_first else rows.filter(id__lt=beyond)
    elif not query.keyset and offset:
        rows = rows.offset(offset)
    return list(await rows.order_by(*_ordering(query, oldest_first)).limit(limit))


async def list_counts(event_id: int) -> dict[str, int]:
    """How many posts wait, are on the wall, and are off it (hidden or rejected)."""
    rows = await (
        Contribution.filter(event_id=event_id).annotate(n=Count("id")).group_by("status").values_list("status", "n")
    )
    by_status = {str(status): int(n) for status, n in rows}  # type: ignore[misc]
    return {
        variant: sum(by_status.get(status.value, 0) for status in statuses) for variant, statuses in VARIANTS.items()
    }


@dataclass(frozen=True)
class Minute:
    starts_at: datetime
    posts: int


async def posts_per_minute(event_id: int, now: datetime | None = None, minutes: int = CHART_MINUTES) -> list[Minute]:
    """Posts written in each of the last `minutes` whole minutes and the current one, oldest first
    (every post counts, whatever became of it since: this is how busy the audience is)."""
    now = now or utcnow()
    current = now.replace(second=0, microsecond=0)
    first = current - timedelta(minutes=minutes - 1)
    moments = await Contribution.filter(event_id=event_id, created_at__gte=first).values_list("created_at", flat=True)
    counts = [0] * minutes
    for moment in moments:
        index = int((moment - first).total_seconds() // 60)  # type: ignore[operator]
        if 0 <= index < minutes:
            counts[index] += 1
    return [Minute(first + timedelta(minutes=i), counts[i]) for i in range(minutes)]
