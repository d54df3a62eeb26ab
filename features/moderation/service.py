"""What moderators decide: approve, reject, hide, restore, highlight, answered, programme item,
result, pre- or post-moderation, the "now" marker and what the hall screen shows.

Every decision is one function here that checks the actor's role, writes the change and its log
entry in one transaction and announces it on the bus, so every wall, screen and console of
every process follows within a second. Nothing is ever deleted: hidden and rejected posts stay.

The rule "one highlighted post per event" lives here and not in the screen, so every screen, the
wall and the moderation page agree on it, whichever process made the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.bus import CONTRIBUTION, EVENT_SETTINGS, Publication, Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from features.agenda.service import set_current_agenda_item
from features.contributions.flags import FlagTally, tallies
from features.contributions.service import view_of
from features.moderation.audit import record, rejection_reasons
from features.moderation.filters import blocked_word_in, words_of
from features.staff.service import require_role
from models.contribution import Contribution, Kind, Status
from models.event import AgendaItem, Event, ModerationMode, ScreenMode
from models.moderation import Flag
from models.result import Result
from models.staff import StaffAccount

# Why a post was rejected (or hidden): a fixed list, so its author reads a clear, polite reason
# in their language, and nobody types a remark about a participant into a free text field.
REASONS = ("off_topic", "insult", "discrimination", "personal_data", "advertising", "duplicate")
MAX_BULK = 200


# The log detail of a hide or rejection that took the post off the screen's highlight.
WAS_HIGHLIGHTED = "highlighted"

async def set_highlight(event_id: int, contribution_id: int | None) -> None:
    """Show `contribution_id` large on the hall screen (None: show none).

    Only a published post of this event can be highlighted: the screen must never show a post a
    moderator has not let through. The previous highlight is cleared in the same transaction, so
    no reader ever sees two. Every post whose flag changed is announced once, on commit (the
    bus's transaction: no process hears of a change that was rolled back).
    """
    async with bus().transaction() as publication:
        if contribution_id is not None:
            target = await Contribution.get_or_none(id=contribution_id, event_id=event_id).select_for_update()
            if target is None or target.status != Status.PUBLISHED:
                raise NotFound("contribution_not_found")
        previous = await Contribution.filter(event_id=event_id, highlighted=True).select_for_update().values_list(
            "id", flat=True
        )
        cleared = [int(pk) for pk in previous if pk != contribution_id]  # type: ignore[call-overload]
        if cleared:
            await Contribution.filter(id__in=cleared).update(highlighted=False, updated_at=utcnow())
        newly = contribution_id is not None and contribution_id not in previous
        if newly:
            await Contribution.filter(id=contribution_id).update(highlighted=True, updated_at=utcnow())
        # updated_at matters: a process that lost the bus re-announces what changed since (catch_up)
        for pk in [*cleared, *([contribution_id] if newly else [])]:
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": pk}))


async def highlighted_contribution(event_id: int) -> Contribution | None:
    """The post the hall screen shows large, if any: a hidden post stops being shown at once,
    even while its flag is still set."""
    shown = Contribution.filter(event_id=event_id, highlighted=True, status=Status.PUBLISHED)
    return await shown.order_by("-id").first()


async def _decide(
    actor: StaffAccount | None,
    contribution_id: int,
    *,
    allowed: tuple[Status, ...],
    to: Status,
    action: str,
    reason: str = "",
) -> Contribution:
    """Move one post from one of `allowed` to `to`, log it and announce it, all or nothing."""
    staff = await require_role(actor)
    if reason and reason not in REASONS:
        raise ServiceError("moderation.bad_reason")
    async with bus().transaction() as publication:
        contribution = await _one(contribution_id)
        was_on_screen = await _move(contribution, allowed=allowed, to=to)
        await record(
            staff, contribution.event_id, action, contribution_id=contribution.id, reason=reason,
            detail=WAS_HIGHLIGHTED if was_on_screen else "",
        )
        await publication.publish(Signal(CONTRIBUTION, contribution.event_id, {"contribution_id": contribution.id}))
    return contribution


async def _one(contribution_id: int) -> Contribution:
    contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
    if contribution is None:
        raise NotFound("contribution_not_found")
    return contribution


async def _move(contribution: Contribution, *, allowed: tuple[Status, ...], to: Status) -> bool:
    """Change the status; a post that leaves the wall also leaves the screen's highlight, and
    the flags so far count as reviewed (only newer ones can hide it again). True if it took the
    post off the screen's highlight (an undo puts it back, features.moderation.undo)."""
    if contribution.status not in allowed:
        raise ServiceError("moderation.already_decided")
    contribution.status = to
    fields = ["status", "updated_at"]
    was_on_screen = to != Status.PUBLISHED and contribution.highlighted
    if was_on_screen:
        contribution.highlighted = False
        fields.append("highlighted")
    await contribution.save(update_fields=fields)
    # reviewed flags no longer need to tell addresses apart: their keyed hash goes (docs/privacy.md)
    await Flag.filter(contribution_id=contribution.id, reviewed=False).update(reviewed=True, origin="")
    return was_on_screen


async def approve(actor: StaffAccount | None, contribution_id: int) -> Contribution:
    """A waiting post goes onto every wall and screen."""
    return await _decide(actor, contribution_id, allowed=(Status.PENDING,), to=Status.PUBLISHED, action="approve")


async def reject(actor: StaffAccount | None, contribution_id: int, reason: str) -> Contribution:
    """A waiting post stays off the wall; its author sees `reason` on their card."""
    if reason not in REASONS:
        raise ServiceError("moderation.bad_reason")
    return await _decide(
        actor, contribution_id, allowed=(Status.PENDING,), to=Status.REJECTED, action="reject", reason=reason
    )


async def hide(actor: StaffAccount | None, contribution_id: int, reason: str = "") -> Contribution:
    """Take a published post off every wall and screen (it stays stored and can be restored)."""
    return await _decide(
        actor, contribution_id, allowed=(Status.PUBLISHED,), to=Status.HIDDEN, action="hide", reason=reason
    )


async def restore(actor: StaffAccount | None, contribution_id: int) -> Contribution:
    """Undo a hide or a rejection: the post is published again."""
    return await _decide(
        actor, contribution_id, allowed=(Status.HIDDEN, Status.REJECTED), to=Status.PUBLISHED, action="restore"
    )


async def approve_many(actor: StaffAccount | None, event_id: int, contribution_ids: list[int]) -> int:
    """Approve several waiting posts at once; those another moderator decided meanwhile are skipped.
    Returns how many were approved."""
    staff = await require_role(actor)
    ids = sorted(set(contribution_ids))[:MAX_BULK]
    async with bus().transaction() as publication:
        waiting = await Contribution.filter(id__in=ids, event_id=event_id, status=Status.PENDING).select_for_update()
        for contribution in waiting:
            await _move(contribution, allowed=(Status.PENDING,), to=Status.PUBLISHED)
            await record(staff, event_id, "approve", contribution_id=contribution.id, detail="bulk")
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution.id}))
    return len(waiting)


async def highlight(actor: StaffAccount | None, event_id: int, contribution_id: int | None) -> None:
    """Show one post large on the hall screen (None: none); see `set_highlight`."""
    staff = await require_role(actor)
    async with bus().transaction():
        await set_highlight(event_id, contribution_id)
        action = "highlight" if contribution_id is not None else "unhighlight"
        await record(staff, event_id, action, contribution_id=contribution_id)


async def mark_answered(actor: StaffAccount | None, contribution_id: int, answered: bool = True) -> Contribution:
    """The question was answered on stage: the wall shows it, so nobody asks it again."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution = await _one(contribution_id)
        contribution.answered = answered
        await contribution.save(update_fields=["answered", "updated_at"])
        event_id = contribution.event_id
        await record(staff, event_id, "answered" if answered else "unanswered", contribution_id=contribution.id)
        await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution.id}))
    return contribution


async def assign_agenda_item(actor: StaffAccount | None, contribution_id: int, item_id: int | None) -> Contribution:
    """File a post under the programme item it is about (None: under none)."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution = await _one(contribution_id)
        event_id = contribution.event_id
        if item_id is not None and not await AgendaItem.exists(id=item_id, event_id=event_id):
            raise NotFound("agenda_item_not_found")
        contribution.agenda_item_id = item_id
        await _filed(publication, staff, contribution, "agenda_item_id", "assign")
    return contribution


async def assign_result(actor: StaffAccount | None, contribution_id: int, result_id: int | None) -> Contribution:
    """File a wall post under the result it is about (None: take it back); it then shows there too.

    Only wall posts: comments and proposals were written on their result and stay with it.
    """
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution = await _one(contribution_id)
        event_id = contribution.event_id
        if contribution.kind != Kind.WALL:
            raise ServiceError("moderation.only_wall_posts")
        if result_id is not None and not await Result.exists(id=result_id, topic__event_id=event_id):
            raise NotFound("result_not_found")
        contribution.result_id = result_id
        await _filed(publication, staff, contribution, "result_id", "assign_result")
    return contribution


async def _filed(
    publication: Publication, staff: StaffAccount, contribution: Contribution, column: str, action: str
) -> None:
    """Save where a post is now filed (`column`, already set), log it and announce the post."""
    await contribution.save(update_fields=[column, "updated_at"])
    where = getattr(contribution, column)
    await record(staff, contribution.event_id, action, contribution_id=contribution.id, detail=str(where or ""))
    await publication.publish(Signal(CONTRIBUTION, contribution.event_id, {"contribution_id": contribution.id}))


async def set_moderation_mode(actor: StaffAccount | None, event_id: int, mode: ModerationMode) -> None:
    """Pre-moderation (posts wait) or post-moderation (posts appear at once), switched while live."""
    mode = ModerationMode(mode)
    await save_event_setting(actor, event_id, "moderation_mode", mode, action="mode", detail=mode.value)


async def set_screen_mode(actor: StaffAccount | None, event_id: int, mode: ScreenMode) -> None:
    """What the hall screen shows: the wall, the highlighted post, only the QR code, a pause slide."""
    mode = ScreenMode(mode)
    await save_event_setting(actor, event_id, "screen_mode", mode, action="screen", detail=mode.value)


async def save_event_setting(
    actor: StaffAccount | None, event_id: int, field: str, value: object, *, action: str, detail: str
) -> None:
    """One live setting of the event changed by a moderator, logged and announced (EVENT_SETTINGS):
    the moderation and screen modes here, the curated screen's settings (features.screen.service)."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        setattr(event, field, value)
        await event.save(update_fields=[field, "updated_at"])
        await record(staff, event_id, action, detail=detail)
        await publication.publish(Signal(EVENT_SETTINGS, event_id))


async def move_now_marker(actor: StaffAccount | None, event_id: int, item_id: int | None) -> int | None:
    """Say what is on stage (None: follow the clock again); see `set_current_agenda_item`."""
    staff = await require_role(actor)
    async with bus().transaction():
        running = await set_current_agenda_item(event_id, item_id)
        await record(staff, event_id, "now", detail=str(item_id) if item_id is not None else "clock")
    return running


# --- what the console shows -----------------------------------------------------------------

QUEUE = (Status.PENDING,)
PUBLISHED = (Status.PUBLISHED,)
OFF_THE_WALL = (Status.HIDDEN, Status.REJECTED)
STATUSES_OF = {"queue": QUEUE, "published": PUBLISHED, "off": OFF_THE_WALL}


async def list_for_console(
    actor: StaffAccount | None, event_id: int, statuses: tuple[Status, ...], *, limit: int = 100,
    beyond: int | None = None,
) -> list[Contribution]:
    """The queue oldest first (first come, first decided); the other lists newest first.

    `beyond` is the last id a console already shows: the next page continues after it, so a
    moderator reaches every post of a long morning, a page at a time.
    """
    await require_role(actor)
    query = Contribution.filter(event_id=event_id, status__in=list(statuses))
    oldest_first = statuses == QUEUE
    if beyond is not None:
        query = query.filter(id__gt=beyond) if oldest_first else query.filter(id__lt=beyond)
    return list(await query.order_by("id" if oldest_first else "-id").limit(limit))


@dataclass(frozen=True)
class Notes:
    """What a moderator should know about a post beyond its text."""

    flags: int
    blocked_word: str | None
    reason: str
    # why it was flagged: open flags of established browsers, and from how many addresses
    # (features.contributions.flags decides with these whether flags take it off the wall)
    established_flags: int = 0
    flag_addresses: int = 0


async def notes_for(event: Event, contributions: list[Contribution]) -> dict[int, Notes]:
    """Open flags, a blocked word it contains, and the reason it was rejected, per post."""
    counts = await tallies([item.id for item in contributions])
    reasons = await rejection_reasons([item.id for item in contributions if item.status == Status.REJECTED])
    words = words_of(event)
    return {
        item.id: Notes(
            counts.get(item.id, FlagTally()).flags, blocked_word_in(item.text, words), reasons.get(item.id, ""),
            counts.get(item.id, FlagTally()).established, counts.get(item.id, FlagTally()).addresses,
        )
        for item in contributions
    }


async def rejected_of_author(event_id: int, author_id: str, *, limit: int = 10) -> list[tuple[Contribution, str]]:
    """An author's own rejected posts with the reason, newest first: their wall tells them why."""
    rejected = list(
        await Contribution.filter(event_id=event_id, author_id=author_id, status=Status.REJECTED)
        .order_by("-id").limit(limit)
    )
    reasons = await rejection_reasons([item.id for item in rejected])
    return [(item, reasons.get(item.id, "")) for item in rejected]


async def console_views(event_id: int, contributions: list[Contribution]) -> list[dict[str, object]]:
    """What the console's browser gets per post: the public view plus the moderators' notes."""
    event = await Event.get_or_none(id=event_id)
    if event is None or not contributions:
        return []
    notes = await notes_for(event, contributions)
    return [
        {**view_of(item).as_dict(), "flags": notes[item.id].flags,
         "flags_established": notes[item.id].established_flags, "flag_addresses": notes[item.id].flag_addresses,
         "blocked_word": notes[item.id].blocked_word, "reason": notes[item.id].reason}
        for item in contributions
    ]
