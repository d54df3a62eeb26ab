"""Posting to the wall, commenting on results, proposing how to develop them, and supporting posts:
validation, phase, moderation mode, rate limits.

The wall follows `core.phase.require_wall_open` (open while the conference runs, after it only if
the organisers keep it open); comments, proposals and support follow the participation window
(`require_open`), so the results stay open after the conference until participation closes.

Every change commits first and then publishes one CONTRIBUTION event with the id, so whoever
hears it can read the committed row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal, bus
from core.clock import utcnow
from core.coalesce import Coalescer
from core.errors import NotFound, ServiceError
from core.phase import require_open, require_wall_open
from core.rate_limit import Throttle, reset_all, throttle
from core.signals import register_kind
from core.text_input import clean_within
from features.agenda.service import load_programme, running_item_id
from features.contributions.standing import is_established, newcomer_slot, reset_presence
from features.moderation.filters import moderation_status_for
from models.contribution import (
    NICKNAME_MAX_LENGTH,
    PROPOSAL_TITLE_MAX_LENGTH,
    Channel,
    Contribution,
    Kind,
    Status,
    Vote,
)
from models.event import Event
from models.moderation import ModerationLogEntry
from models.result import Result
from settings import get_settings


async def purges_since(since: datetime) -> list[Signal]:
    """Deleted rows cannot be announced one by one: a purge of an event (its log entry) is
    announced again as a whole, so open pages empty."""
    purged = await ModerationLogEntry.filter(action="purge", created_at__gte=since).order_by("id").values_list(
        "event_id", flat=True
    )
    return [Signal(CONTRIBUTIONS_PURGED, int(event_id), {}) for event_id in dict.fromkeys(purged)]  # type: ignore[call-overload]


async def contributions_since(since: datetime) -> list[Signal]:
    """Ids only, never text: a withdrawn contribution is announced like any change, and whoever
    shows it drops it (every change of a contribution stamps updated_at)."""
    rows = await Contribution.filter(updated_at__gte=since).order_by("id").values_list("id", "event_id")
    return [Signal(CONTRIBUTION, int(event_id), {"contribution_id": int(pk)}) for pk, event_id in rows]


# the purge first: posts written after it are announced again after it
register_kind(CONTRIBUTIONS_PURGED, catch_up=purges_since)
register_kind(CONTRIBUTION, catch_up=contributions_since)


support_announcer = Coalescer(bus().publish)


def _throttles() -> tuple[Throttle, Throttle]:
    settings = get_settings()
    return throttle("post", settings.post_rate_limit), throttle("vote", settings.vote_rate_limit)


def reset_rate_limits() -> None:
    """Forget what lives in process memory: the rate limits and which browsers are established."""
    reset_all()
    reset_presence()


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
    kind: str = Kind.WALL.value
    title: str = ""
    parent_id: int | None = None
    result_id: int | None = None
    date: str = ""  # DD.MM. in the event's time zone: comments on results run for a month
    official_status: str = ""  # the city's answer (features.answers), "" while there is none
    official_text: str = ""

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
        agenda_item_id=contribution.agenda_item_id,
        created_at=contribution.created_at.isoformat(),
        time=contribution.created_at.astimezone(get_settings().timezone).strftime("%H:%M"),
        kind=str(contribution.kind),
        title=contribution.title,
        parent_id=contribution.parent_id,
        result_id=contribution.result_id,
        date=contribution.created_at.astimezone(get_settings().timezone).strftime("%d.%m."),
        official_status=str(contribution.official_status or ""),
        official_text=contribution.official_text,
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
    if (existing := await _already_stored(author_id, client_key)) is not None:
        return existing
    post_throttle, _ = _throttles()
    post_throttle.check(author_id, address)  # a flood is refused before any work on its text
    body, name = _checked_text(author_id, text, nickname)
    programme = await load_programme(event_id)
    if programme is None:
        raise NotFound("event_not_found")
    require_wall_open(programme.event, now)  # the wall's own rule: from the start, read-only after
    if agenda_item_id is None:
        agenda_item_id = running_item_id(programme, now)
    elif programme.item(agenda_item_id) is None:
        raise NotFound("agenda_item_not_found")
    with post_throttle.slot(author_id, address):
        status = await moderation_status_for(programme.event, body)  # pre-moderation or a blocked word: queue
        async with bus().transaction() as publication:
            contribution = await Contribution.create(
                event_id=event_id, agenda_item_id=agenda_item_id, text=body, nickname=name, channel=channel,
                status=status, author_id=author_id, client_key=client_key[:64] if client_key else None,
            )
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution.id}))
    return contribution


async def _already_stored(author_id: str, client_key: str | None) -> Contribution | None:
    if client_key and author_id:
        return await Contribution.get_or_none(author_id=author_id, client_key=client_key[:64])
    return None


def _checked_text(author_id: str, text: str, nickname: str) -> tuple[str, str]:
    """The cleaned text and nickname, or the reason they cannot be stored."""
    body = clean_within(text, get_settings().max_post_length, "contribution.too_long")
    name = clean_within(nickname, NICKNAME_MAX_LENGTH, "nickname.too_long", multiline=False)
    if not body:
        raise ServiceError("contribution.empty")
    if not author_id:
        raise ServiceError("contribution.no_author")
    return body, name


def shows_on_result(contribution: Contribution, result: Result) -> bool:
    """Live and follow-up in one place: comments and proposals on the result, and wall posts
    written while it was on stage or assigned to it later."""
    if contribution.result_id == result.id:
        return True
    agenda_item_id = result.agenda_item_id
    return (
        contribution.kind == Kind.WALL and agenda_item_id is not None
        and contribution.agenda_item_id == agenda_item_id
    )


async def post_comment(result_id: int, author_id: str, text: str, **options: object) -> Contribution:
    """A comment on a result; see `_post_on_result` for the options."""
    return await _post_on_result(result_id, author_id, text, kind=Kind.COMMENT, **options)  # type: ignore[arg-type]


async def post_reply(
    result_id: int, parent_id: int, author_id: str, text: str, **options: object
) -> Contribution:
    """A reply to a comment (or a wall post) shown on the result; replies to replies are refused,
    so a discussion stays readable on a phone."""
    return await _post_on_result(
        result_id, author_id, text, kind=Kind.COMMENT, parent_id=parent_id, **options  # type: ignore[arg-type]
    )


async def post_proposal(result_id: int, author_id: str, title: str, text: str, **options: object) -> Contribution:
    """A proposal to develop the result further ("Weiterentwicklung"): a title says what, the text how."""
    return await _post_on_result(result_id, author_id, text, kind=Kind.PROPOSAL, title=title, **options)  # type: ignore[arg-type]


async def _post_on_result(
    result_id: int,
    author_id: str,
    text: str,
    *,
    kind: Kind,
    title: str = "",
    parent_id: int | None = None,
    nickname: str = "",
    address: str | None = None,
    client_key: str | None = None,
    now: datetime | None = None,
) -> Contribution:
    """The same rules as on the wall (cleaning, limits, phase, rate limit, moderation mode),
    plus: a proposal needs a title, and a reply answers a top-level comment of this result."""
    now = now or utcnow()
    if (existing := await _already_stored(author_id, client_key)) is not None:
        return existing
    post_throttle, _ = _throttles()
    post_throttle.check(author_id, address)  # a flood is refused before any work on its text
    body, name = _checked_text(author_id, text, nickname)
    heading = (
        clean_within(title, PROPOSAL_TITLE_MAX_LENGTH, "proposal.title_too_long", multiline=False)
        if kind == Kind.PROPOSAL else ""
    )
    if kind == Kind.PROPOSAL and not heading:
        raise ServiceError("proposal.no_title")
    result = await Result.get_or_none(id=result_id).select_related("topic")
    if result is None:
        raise NotFound("result_not_found")
    event = await Event.get(id=result.topic.event_id)
    require_open(event, now)
    if parent_id is not None:
        parent = await Contribution.get_or_none(id=parent_id)
        if parent is None or parent.status != Status.PUBLISHED or not shows_on_result(parent, result):
            raise NotFound("contribution_not_found")
        if parent.parent_id is not None:
            raise ServiceError("reply.too_deep")
        if parent.kind == Kind.PROPOSAL:
            raise ServiceError("reply.not_to_proposal")
    with post_throttle.slot(author_id, address):
        # pre-moderation or a blocked word (in the title of a proposal too): to the queue
        status = await moderation_status_for(event, f"{heading}\n{body}" if heading else body)
        async with bus().transaction() as publication:
            contribution = await Contribution.create(
                event_id=event.id, result_id=result.id, parent_id=parent_id, kind=kind, title=heading, text=body,
                nickname=name, status=status, author_id=author_id, client_key=client_key[:64] if client_key else None,
            )
            await publication.publish(Signal(CONTRIBUTION, event.id, {"contribution_id": contribution.id}))
    return contribution


async def toggle_vote(
    contribution_id: int, voter_id: str, *, address: str | None = None, now: datetime | None = None
) -> tuple[bool, int]:
    """Support a published post, or take the support back. Returns (supported now, count).

    Nobody supports their own post: the wall hides the button on one's own cards, and this
    refuses it for a browser that sends the event anyway. A brand-new browser id votes from its
    address's small allowance (features.contributions.standing)."""
    _, vote_throttle = _throttles()
    with vote_throttle.slot(voter_id, address), newcomer_slot("vote", address, await is_established(voter_id, now)):
        async with bus().transaction():
            contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
            if contribution is None or contribution.status != Status.PUBLISHED:
                raise NotFound("contribution_not_found")
            if contribution.author_id == voter_id:  # support says "others think so too"
                raise ServiceError("contribution.own_vote")
            event = await Event.get(id=contribution.event_id)
            require_open(event, now or utcnow())
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
            await Contribution.filter(id=contribution_id).update(
                vote_count=F("vote_count") + delta, updated_at=utcnow()
            )
            contribution = await Contribution.get(id=contribution_id)
        # A support count is no news worth a message per vote to every tab: 300 votes within
        # seconds become a few announcements of the post (every tab re-reads its current count).
        support_announcer.touch(Signal(CONTRIBUTION, contribution.event_id, {"contribution_id": contribution_id}))
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
    kinds: tuple[Kind, ...] = (Kind.WALL,),
) -> list[Contribution]:
    """Published posts (plus the viewer's own pending ones), newest or most supported first.

    Only wall posts unless asked otherwise: comments on results belong on the result's page.
    """
    query = Contribution.filter(_visible_to(viewer_id), event_id=event_id, kind__in=list(kinds))
    if agenda_item_id is not None:
        query = query.filter(agenda_item_id=agenda_item_id)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    order = ("-vote_count", "-id") if sort == "top" else ("-id",)
    return list(await query.order_by(*order).limit(limit))


def _visible_to(viewer_id: str | None) -> Q:
    visible = Q(status=Status.PUBLISHED)
    if viewer_id:
        visible |= Q(status=Status.PENDING, author_id=viewer_id)
    return visible


async def list_for_result(
    result: Result, *, kinds: tuple[Kind, ...], viewer_id: str | None = None, limit: int = 200
) -> list[Contribution]:
    """What a result's page shows of `kinds`: the newest `limit` top-level items (its own and the
    wall posts of its programme item) and every reply to them, oldest reply first.

    A top-level item its author deleted (withdrawn: no text, no name) stays only while replies
    to it are shown, as the placeholder they answer; without replies it is left out."""
    belongs = Q(result_id=result.id)
    if result.agenda_item_id is not None and Kind.WALL in kinds:
        belongs |= Q(kind=Kind.WALL, agenda_item_id=result.agenda_item_id)
    with_replies = Kind.COMMENT in kinds
    shown = _visible_to(viewer_id) | Q(status=Status.WITHDRAWN) if with_replies else _visible_to(viewer_id)
    top = list(
        await Contribution.filter(shown, belongs, kind__in=list(kinds), parent_id=None).order_by("-id").limit(limit)
    )
    if not top or not with_replies:
        return top
    replies = list(await Contribution.filter(
        _visible_to(viewer_id), parent_id__in=[item.id for item in top], result_id=result.id
    ).order_by("id"))
    answered = {reply.parent_id for reply in replies}
    top = [item for item in top if item.status != Status.WITHDRAWN or item.id in answered]
    return [*top, *replies]


async def voted_ids(voter_id: str, contribution_ids: list[int]) -> set[int]:
    if not contribution_ids:
        return set()
    rows = await Vote.filter(voter_id=voter_id, contribution_id__in=contribution_ids).values_list(
        "contribution_id", flat=True
    )
    return set(rows)  # type: ignore[arg-type]
