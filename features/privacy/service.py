"""Privacy: a participant deletes their own contribution, and organisers delete every contribution
of an event once its retention date has passed.

What personal data the app stores, and for how long (docs/privacy.md says the same for operators):

- Participants have no account. Each browser gets a random id (NiceGUI's signed browser storage,
  a cookie). It is stored with what that browser wrote (`Contribution.author_id`), supported
  (`Vote.voter_id`) and flagged (`Flag.flagger_id`): a pseudonym, never a name or an address.
  Text, title and the optional nickname are whatever the participant typed; the channel says
  "online" or "hall". Nickname, unsent drafts and the language live in the browser only.
- Network addresses (IPs) are never written to the database or a file by the app: the rate limits
  (core/rate_limit.py, used by features/contributions/service.py) count per address in process memory
  only, for a minute, and forget everything on restart. Uvicorn's access log is off (NiceGUI logs
  at "warning"); nginx's access log is the operator's: docs/privacy.md says how to keep addresses
  out of it.
- Staff: name, role, an argon2 hash of the password, failed sign-ins and a lock time. A sign-in
  session stores only the SHA-256 hash of its token and lasts 12 hours (features/staff/service.py);
  expired sessions are deleted at every start, signing out deletes the row at once.
- The moderation log names staff and contributions by id only; it never copies a participant's
  text, so deleting contributions leaves nothing of them in it (the id link is set to NULL).
- Contributions are kept until their author deletes them (`withdraw_own`) or an organiser deletes
  all of the event's after its retention date (`purge_event`). A withdrawn contribution keeps only
  its place (id, time, event, result, parent) so replies by others stay readable under
  "deleted by its author"; its text, title, nickname, browser id, votes and flags are gone.
  The purge deletes the rows themselves, with their votes and flags, and the private follow links
  (features/follow) of browsers that have nothing left.
"""

from __future__ import annotations

from datetime import date, datetime

from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from features.follow.service import forget_links_of
from features.moderation.audit import record
from features.moderation.service import set_highlight
from features.staff.service import require_role
from models.contribution import Contribution, Status, Vote
from models.event import Event
from models.moderation import Flag, ModerationLogEntry
from models.staff import Role, StaffAccount
from settings import get_settings

# The word an organiser types to confirm the purge: German, or English in the English interface.
CONFIRMATION_WORDS = ("LÖSCHEN", "DELETE")
_CHUNK = 500  # ids per IN (...) list: SQLite allows only so many parameters in one statement


async def withdraw_own(author_id: str, contribution_id: int) -> Contribution:
    """The author deletes their own contribution (any status: published, pending, rejected, hidden).

    Text, title, nickname and the browser id are erased, votes and flags deleted, the hall
    screen's highlight cleared, and every open wall, result page, screen and console hears of it.
    The row itself stays as WITHDRAWN, so replies by others keep their place.
    """
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None:
            raise NotFound("privacy.not_found")
        if contribution.status == Status.WITHDRAWN:
            raise ServiceError("privacy.already_withdrawn")
        if not author_id or contribution.author_id != author_id:
            raise ServiceError("privacy.not_author")
        event_id = contribution.event_id
        if contribution.highlighted:
            await set_highlight(event_id, None)
        await Vote.filter(contribution_id=contribution.id).delete()
        await Flag.filter(contribution_id=contribution.id).delete()
        await Contribution.filter(id=contribution.id).update(
            status=Status.WITHDRAWN, text="", title="", nickname="", author_id="", client_key=None,
            vote_count=0, highlighted=False, answered=False, updated_at=utcnow(),
        )
        await record(None, event_id, "withdrawn", contribution_id=contribution.id)
        await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution.id}))
    return await Contribution.get(id=contribution_id)


def local_today(now: datetime | None = None) -> date:
    """Today in the event's time zone (Europe/Berlin by default): the retention date is a local day."""
    return (now or utcnow()).astimezone(get_settings().timezone).date()


def parse_day(value: str | date | None) -> date:
    """A date from a form field (YYYY-MM-DD), or a clear refusal."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise ServiceError("privacy.bad_date") from None


def earliest_retention(event: Event) -> date | None:
    """The retention date may not lie before the last day of the participation phase."""
    if event.participation_closes_at is None:
        return None
    return event.participation_closes_at.astimezone(get_settings().timezone).date()


async def set_retention(actor: StaffAccount | None, event_id: int, day: str | date | None) -> date:
    """Organisers set (or move) the day after which every contribution of the event may be deleted."""
    staff = await require_role(actor, Role.ORGANISER)
    chosen = parse_day(day)
    async with bus().transaction():
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        earliest = earliest_retention(event)
        if earliest is not None and chosen < earliest:
            raise ServiceError("privacy.before_phase_end", date=earliest.strftime("%d.%m.%Y"))
        event.retention_until = chosen
        await event.save(update_fields=["retention_until", "updated_at"])
        await record(staff, event_id, "retention", detail=chosen.isoformat())
    return chosen


def purge_allowed(event: Event, today: date | None = None) -> bool:
    """Only on the days after the retention date, never before or on it."""
    return event.retention_until is not None and (today or local_today()) > event.retention_until


async def stored_count(actor: StaffAccount | None, event_id: int) -> int:
    """How many contributions of the event are stored (any status): what a purge would delete."""
    await require_role(actor, Role.ORGANISER)
    return await Contribution.filter(event_id=event_id).count()


async def purge_event(
    actor: StaffAccount | None, event_id: int, confirmation: str, *, today: date | None = None
) -> int:
    """Delete every contribution of the event with its votes and flags; returns how many.

    Organisers only, after the retention date, and only with the confirmation word typed in.
    The log gets one entry with the count and no text; every open page empties live.
    """
    staff = await require_role(actor, Role.ORGANISER)
    if (confirmation or "").strip() not in CONFIRMATION_WORDS:
        raise ServiceError("privacy.confirm_word")
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        if event.retention_until is None:
            raise ServiceError("privacy.no_retention")
        if not purge_allowed(event, today):
            raise ServiceError("privacy.too_early", date=event.retention_until.strftime("%d.%m.%Y"))
        ids = [int(pk) for pk in await Contribution.filter(event_id=event_id).values_list("id", flat=True)]  # type: ignore[call-overload]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            await Vote.filter(contribution_id__in=chunk).delete()
            await Flag.filter(contribution_id__in=chunk).delete()
            await ModerationLogEntry.filter(contribution_id__in=chunk).update(contribution_id=None)
        authors = await Contribution.filter(event_id=event_id).distinct().values_list("author_id", flat=True)
        # replies first: no row is ever left pointing at a deleted parent
        await Contribution.filter(event_id=event_id, parent_id__not_isnull=True).delete()
        await Contribution.filter(event_id=event_id).delete()
        await forget_links_of([str(author) for author in authors])
        await record(staff, event_id, "purge", detail=str(len(ids)))
        await publication.publish(Signal(CONTRIBUTIONS_PURGED, event_id, {"count": len(ids)}))
    return len(ids)
