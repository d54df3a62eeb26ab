"""Posting to the wall and supporting posts: validation, phase, moderation mode, rate limits.

Every change commits first and then publishes one CONTRIBUTION event with the id, so whoever
hears it can read the committed row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from models.contribution import NICKNAME_MAX_LENGTH, Channel, Contribution, Status, Vote
from models.event import Event, ModerationMode
from services.errors import NotFound, ServiceError
from services.events import load_programme, running_item_id, utcnow
from services.live import CONTRIBUTION, LiveEvent, bus
from services.phase import require_open
from services.rate_limit import Throttle
from services.text_input import clean_text
from settings import get_settings

_post_throttle: Throttle | None = None
_vote_throttle: Throttle | None = None


def _throttles() -> tuple[Throttle, Throttle]:
    global _post_throttle, _vote_throttle
    settings = get_settings()
    if _post_throttle is None or _post_throttle.limit != settings.post_rate_limit:
        _post_throttle = Throttle(settings.post_rate_limit)
    if _vote_throttle is None or _vote_throttle.limit != settings.vote_rate_limit:
        _vote_throttle = Throttle(settings.vote_rate_limit)
    return _post_throttle, _vote_throttle


def reset_rate_limits() -> None:
    for throttle in (_post_throttle, _vote_throttle):
        if throttle is not None:
            throttle.reset()


@dataclass(frozen=True)
class ContributionView:
    """What a viewer's browser gets for one contribution: built once per change, sent to all."""

    id: int
    text: str
    nickname: str
    channel: str
    status: str
    highlighted: bool
    answered: bool
    votes: int
    agenda_item_id: int | None
    created_at: str
    time: str  # HH:MM in the event's time zone, the same in every language

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def view_of(contribution: Contribution) -> ContributionView:
    return ContributionView(
        id=contribution.id,
        text=contribution.text,
        nickname=contribution.nickname,
        channel=str(contribution.channel),
        status=str(contribution.status),
        highlighted=contribution.highlighted,
        answered=contribution.answered,
        votes=contribution.vote_count,
        agenda_item_id=contribution.agenda_item_id,  # type: ignore[attr-defined]
        created_at=contribution.created_at.isoformat(),
        time=contribution.created_at.astimezone(get_settings().timezone).strftime("%H:%M"),
    )


async def post_contribution(
    event_id: int,
    author_id: str,
    text: str,
    *,
    nickname: str = "",
    agenda_item_id: int | None = None,
    channel: Channel = Channel.ONLINE,
    address: str | None = None,
    client_key: str | None = None,
    now: datetime | None = None,
) -> Contribution:
    """Validate and store a post; it is published at once in post-moderation, pending in pre.

    A browser that re-sends the same draft (same `client_key`) after a lost connection gets the
    stored post back instead of a second copy.
    """
    now = now or utcnow()
    if client_key and author_id:
        existing = await Contribution.get_or_none(author_id=author_id, client_key=client_key[:64])
        if existing is not None:
            return existing
    settings = get_settings()
    body = clean_text(text)
    name = clean_text(nickname, multiline=False)
    if not body:
        raise ServiceError("contribution.empty")
    if len(body) > settings.max_post_length:
        raise ServiceError("contribution.too_long", limit=settings.max_post_length, length=len(body))
    if len(name) > NICKNAME_MAX_LENGTH:
        raise ServiceError("nickname.too_long", limit=NICKNAME_MAX_LENGTH)
    if not author_id:
        raise ServiceError("contribution.no_author")
    programme = await load_programme(event_id)
    if programme is None:
        raise NotFound("event_not_found")
    require_open(programme.event, now)
    if agenda_item_id is None:
        agenda_item_id = running_item_id(programme, now)
    elif programme.item(agenda_item_id) is None:
        raise NotFound("agenda_item_not_found")
    post_throttle, _ = _throttles()
    if wait := post_throttle.retry_after(author_id, address):
        raise ServiceError("rate_limited", seconds=wait)
    status = Status.PENDING if programme.event.moderation_mode == ModerationMode.PRE else Status.PUBLISHED
    async with bus().transaction() as publication:
        contribution = await Contribution.create(
            event_id=event_id, agenda_item_id=agenda_item_id, text=body, nickname=name,
            channel=channel, status=status, author_id=author_id, client_key=client_key[:64] if client_key else None,
        )
        await publication.publish(LiveEvent(CONTRIBUTION, event_id, {"contribution_id": contribution.id}))
    post_throttle.record(author_id, address)
    return contribution


async def toggle_vote(contribution_id: int, voter_id: str, *, address: str | None = None) -> tuple[bool, int]:
    """Support a published post, or take the support back. Returns (supported now, count)."""
    _, vote_throttle = _throttles()
    if wait := vote_throttle.retry_after(voter_id, address):
        raise ServiceError("rate_limited", seconds=wait)
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None or contribution.status != Status.PUBLISHED:
            raise NotFound("contribution_not_found")
        event = await Event.get(id=contribution.event_id)  # type: ignore[attr-defined]
        require_open(event, utcnow())
        existing = await Vote.get_or_none(contribution_id=contribution_id, voter_id=voter_id)
        if existing is not None:
            await existing.delete()
            delta = -1
        else:
            try:
                await Vote.create(contribution_id=contribution_id, voter_id=voter_id)
            except IntegrityError:  # a double click that raced itself: already supported
                return True, contribution.vote_count
            delta = 1
        await Contribution.filter(id=contribution_id).update(vote_count=F("vote_count") + delta, updated_at=utcnow())
        contribution = await Contribution.get(id=contribution_id)
        await publication.publish(
            LiveEvent(CONTRIBUTION, contribution.event_id, {"contribution_id": contribution_id})  # type: ignore[attr-defined]
        )
    vote_throttle.record(voter_id, address)
    return delta > 0, contribution.vote_count


async def get_contribution(contribution_id: int) -> Contribution | None:
    return await Contribution.get_or_none(id=contribution_id)


async def list_contributions(
    event_id: int,
    *,
    viewer_id: str | None = None,
    agenda_item_id: int | None = None,
    sort: str = "newest",
    before_id: int | None = None,
    after_id: int | None = None,
    limit: int = 30,
) -> list[Contribution]:
    """Published posts (plus the viewer's own pending ones), newest or most supported first."""
    visible = Q(status=Status.PUBLISHED)
    if viewer_id:
        visible |= Q(status=Status.PENDING, author_id=viewer_id)
    query = Contribution.filter(visible, event_id=event_id)
    if agenda_item_id is not None:
        query = query.filter(agenda_item_id=agenda_item_id)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    order = ("-vote_count", "-id") if sort == "top" else ("-id",)
    return list(await query.order_by(*order).limit(limit))


async def voted_ids(voter_id: str, contribution_ids: list[int]) -> set[int]:
    if not contribution_ids:
        return set()
    rows = await Vote.filter(voter_id=voter_id, contribution_id__in=contribution_ids).values_list(
        "contribution_id", flat=True
    )
    return set(rows)  # type: ignore[arg-type]
