"""Following one's own contributions without an account: a private link per browser, and the list
behind it.

The link is the only key. Its token is unguessable (144 random bits), shown once when it is made,
and the database keeps only its SHA-256 hash, so a copy of the database opens nobody's page. It
opens a read-only list of what the browser that made it wrote, on any device; nothing on the list
names the person, and "Link ungültig machen" ends it for good. A browser has at most one valid
link: making a new one (a lost link) ends the old one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import ServiceError
from core.rate_limit import throttle
from features.moderation.audit import decision_reasons
from models.contribution import Contribution, Kind, OfficialStatus, Status
from models.event import AgendaItem, Event
from models.follow import FollowLink
from models.result import Result

TOKEN_BYTES = 18  # 144 bits: 24 characters in the address
LINKS_PER_HOUR = 5  # per browser: a new link ends the old one, so more would only be noise
SHOWN_AT_MOST = 200  # the newest contributions of a browser on its page
_CHUNK = 500  # browser ids per IN (...) list: SQLite allows only so many parameters
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


async def make_link(author_id: str) -> str:
    """A new private link for this browser (the previous one, if any, stops working): its token."""
    if not author_id:
        raise ServiceError("follow.nothing_yet")
    limit = throttle("follow_link", LINKS_PER_HOUR)
    with limit.slot(author_id, None):
        if not await Contribution.filter(author_id=author_id).exists():
            raise ServiceError("follow.nothing_yet")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        async with in_transaction():
            await FollowLink.filter(author_id=author_id, revoked_at=None).update(revoked_at=utcnow())
            await FollowLink.create(token_hash=_hash(token), author_id=author_id)
    return token


async def link_made_at(author_id: str) -> datetime | None:
    """When this browser's valid link was made; None: it has none."""
    link = await FollowLink.filter(author_id=author_id, revoked_at=None).order_by("-id").first()
    return link.created_at if link else None


async def author_of(token: str) -> str | None:
    """The browser a valid link belongs to; None for a link that was ended or never existed."""
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    link = await FollowLink.get_or_none(token_hash=_hash(token), revoked_at=None)
    return link.author_id if link else None


async def revoke_link(token: str) -> None:
    """End a link for good ("Link ungültig machen"), from the page it opens."""
    ended = 0
    if _TOKEN_SHAPE.fullmatch(token):
        ended = await FollowLink.filter(token_hash=_hash(token), revoked_at=None).update(revoked_at=utcnow())
    if not ended:
        raise ServiceError("follow.invalid")


async def revoke_links_of(author_id: str) -> bool:
    """End this browser's link from its own page, without making a new one; False: it had none."""
    return bool(await FollowLink.filter(author_id=author_id, revoked_at=None).update(revoked_at=utcnow()))


async def forget_links_of(author_ids: list[str]) -> int:
    """Delete the links of those browsers of which nothing is stored any more (after a purge):
    a link to an empty page would only keep a browser id that the contributions no longer hold.
    One query per chunk of browsers, not one per browser: a purge may cover thousands."""
    authors = sorted(set(author_ids))
    deleted = 0
    for start in range(0, len(authors), _CHUNK):
        chunk = authors[start:start + _CHUNK]
        kept = set(await Contribution.filter(author_id__in=chunk).distinct().values_list("author_id", flat=True))
        gone = [author for author in chunk if author not in kept]
        if gone:
            deleted += await FollowLink.filter(author_id__in=gone).delete()
    return deleted


@dataclass(frozen=True)
class FollowedReply:
    nickname: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Followed:
    """One of the browser's own contributions as its author sees it, with what became of it."""

    id: int
    kind: Kind
    status: Status
    title: str
    text: str
    nickname: str
    created_at: datetime
    event: Event
    agenda_item: AgendaItem | None
    result: Result | None
    vote_count: int
    reason: str = ""  # why it was rejected or hidden (a REASONS key), "" when none was given
    replies: list[FollowedReply] = field(default_factory=list)
    official_status: OfficialStatus | None = None
    official_text: str = ""
    official_at: datetime | None = None
    report_published_at: datetime | None = None  # it stands in the published council report since

    @property
    def in_report(self) -> bool:
        return self.report_published_at is not None


async def followed(author_id: str) -> list[Followed]:
    """What this browser wrote (newest first, withdrawn ones left out), each with its status, the
    reason of a rejection or hiding, the published replies by others, its support, the city's
    answer and whether it stands in the published report. A few queries, none per contribution."""
    own = list(
        await Contribution.filter(author_id=author_id)
        .exclude(status=Status.WITHDRAWN)
        .select_related("event", "agenda_item", "result")
        .order_by("-id")
        .limit(SHOWN_AT_MOST)
    )
    if not own:
        return []
    ids = [item.id for item in own]
    rejected = await decision_reasons([item.id for item in own if item.status == Status.REJECTED], "reject")
    hidden = await decision_reasons([item.id for item in own if item.status == Status.HIDDEN], "hide")
    replies: dict[int, list[FollowedReply]] = {}
    for reply in await Contribution.filter(parent_id__in=ids, status=Status.PUBLISHED).order_by("id"):
        replies.setdefault(reply.parent_id or 0, []).append(FollowedReply(reply.nickname, reply.text, reply.created_at))
    return [
        Followed(
            id=item.id,
            kind=Kind(item.kind),
            status=Status(item.status),
            title=item.title,
            text=item.text,
            nickname=item.nickname,
            created_at=item.created_at,
            event=item.event,
            agenda_item=item.agenda_item,
            result=item.result,
            vote_count=item.vote_count,
            reason=rejected.get(item.id) or hidden.get(item.id) or "",
            replies=replies.get(item.id, []),
            official_status=OfficialStatus(item.official_status) if item.official_status else None,
            official_text=item.official_text,
            official_at=item.official_at,
            report_published_at=item.event.report_published_at if item.status == Status.PUBLISHED else None,
        )
        for item in own
    ]


async def first_link(author_id: str) -> str | None:
    """The link a contributor gets once, made when their browser's own page first opens after they
    wrote something. None when this browser had a link before (it keeps, renews or ended it
    itself: a link it ended is never made again behind its back) or has written nothing."""
    if not author_id or await FollowLink.filter(author_id=author_id).exists():
        return None
    if not await Contribution.filter(author_id=author_id).exists():
        return None
    return await make_link(author_id)
