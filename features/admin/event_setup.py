"""What organisers set up in /admin: the event's details and links, the next event, the programme.

Every use case checks that the actor is an organiser *now* (`require_role`), validates all input
before it writes anything (a refused form changes nothing), writes its change and an audit entry
in one transaction and announces it on the bus: EVENT_SETTINGS for the event, AGENDA_NOW with
`agenda=1` for the programme, so open pages reload what they show.

Times arrive as aware datetimes and are stored in UTC. The organisers type them in the event's
time zone; `parse_local` and `local_input_value` are the one place that converts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

from core.bus import AGENDA_CHANGED, AGENDA_NOW, EVENT_SETTINGS, Publication, Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from core.text_input import clean_text
from features.agenda.service import current_event, load_programme, running_item_id
from features.home.livestream_url import captions_url_allowed, livestream_url_allowed
from features.moderation.audit import record
from features.moderation.service import set_moderation_mode
from features.staff.service import require_role
from models.contribution import Contribution
from models.event import AgendaItem, Event, ModerationMode
from models.result import Result
from models.staff import Role, StaffAccount
from settings import get_settings

EVENT_TITLE_MAX = 200
EVENT_DESCRIPTION_MAX = 5000
VENUE_MAX = 200
ADDRESS_MAX = 300
URL_MAX = 500
ITEM_TITLE_MAX = 200
ITEM_DESCRIPTION_MAX = 2000
SPEAKERS_MAX = 500
LOCATION_MAX = 200
EASY_LANGUAGE_MAX = 5000  # a page of short sentences, not a brochure
# Longer than a day is a typo (a wrong date), not a programme item.
ITEM_LONGEST = timedelta(hours=24)
LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type=datetime-local> sends and shows


# --- links: the event's own, or the settings' -----------------------------------------------

@dataclass(frozen=True)
class EventLinks:
    """Where people reach the app (QR code, shared links) and the legal pages of the footer."""

    public_url: str
    imprint_url: str
    privacy_url: str


def event_links(event: Event | None) -> EventLinks:
    """The event's links where an organiser set them, otherwise the settings (PUBLIC_URL, ...).

    The one place that decides, so the footer, the hall screen's QR code and every other
    participant link agree.
    """
    settings = get_settings()
    public = (event.public_url if event is not None else "") or settings.effective_public_url
    return EventLinks(
        public_url=public.rstrip("/"),
        imprint_url=(event.imprint_url if event is not None else "") or settings.imprint_url,
        privacy_url=(event.privacy_url if event is not None else "") or settings.privacy_url,
    )


# --- local time in forms --------------------------------------------------------------------

def parse_local(text: str | None, *, field: str, required: bool = True) -> datetime | None:
    """A time typed in the event's time zone ("2026-05-04T18:00"), as UTC; None when left empty.

    A wall-clock time that does not exist (the hour skipped when summer time starts) is refused
    rather than silently moved.
    """
    value = (text or "").strip()
    if not value:
        if required:
            raise ServiceError("event.time_missing", field=field)
        return None
    try:
        typed = datetime.fromisoformat(value)
    except ValueError:
        raise ServiceError("event.bad_time", field=field) from None
    zone = get_settings().timezone
    if typed.tzinfo is not None:
        return typed.astimezone(UTC)
    moment = typed.replace(tzinfo=zone).astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != typed:
        raise ServiceError("event.time_skipped", field=field)
    return moment


def local_input_value(moment: datetime | None) -> str:
    """The value a datetime-local input shows for a stored time ("" for none)."""
    return moment.astimezone(get_settings().timezone).strftime(LOCAL_INPUT_FORMAT) if moment else ""


# --- validation ---------------------------------------------------------------------------

def _line(value: str, *, field: str, limit: int, required: bool = False) -> str:
    clean = clean_text(value or "", multiline=False)
    if required and not clean:
        raise ServiceError(f"{field}_missing", field=field.split(".")[-1])
    if len(clean) > limit:
        raise ServiceError(f"{field}_too_long", field=field.split(".")[-1], limit=limit, length=len(clean))
    return clean


def _paragraphs(value: str, *, field: str, limit: int) -> str:
    clean = clean_text(value or "")
    if len(clean) > limit:
        raise ServiceError(f"{field}_too_long", field=field.split(".")[-1], limit=limit, length=len(clean))
    return clean


def _aware(moment: datetime | None, field: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # a caller's bug would otherwise store a time hours off
        raise ServiceError("event.bad_time", field=field)
    return moment.astimezone(UTC)


def _times(starts_at: datetime, ends_at: datetime, key: str) -> tuple[datetime, datetime]:
    start, end = _aware(starts_at, "starts_at"), _aware(ends_at, "ends_at")
    if start is None:
        raise ServiceError("event.time_missing", field="starts_at")
    if end is None:
        raise ServiceError("event.time_missing", field="ends_at")
    if end <= start:
        raise ServiceError(f"{key}.ends_before_start", field="ends_at")
    return start, end


def _web_address(value: str, field: str) -> str:
    """Empty (use the setting) or a complete http(s) address: never javascript:, data: or a path."""
    url = (value or "").strip()
    if not url:
        return ""
    parsed = urlparse(url)
    if (
        len(url) > URL_MAX or any(char.isspace() for char in url) or parsed.scheme not in ("http", "https")
        or not parsed.hostname or parsed.username or parsed.password
    ):
        raise ServiceError(f"event.bad_{field}", field=field, limit=URL_MAX)
    return url.rstrip("/") if field == "public_url" else url


@dataclass(frozen=True)
class Scheduled:
    """What an event and a programme item both have: a title, a time span and a description."""

    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""


@dataclass(frozen=True)
class EventDetails(Scheduled):
    """Everything the event tab edits. Empty links mean "use the setting"."""

    venue: str = ""
    address: str = ""
    livestream_url: str = ""
    participation_opens_at: datetime | None = None
    participation_closes_at: datetime | None = None
    moderation_mode: ModerationMode = ModerationMode.POST
    public_url: str = ""
    imprint_url: str = ""
    privacy_url: str = ""
    # issue 13: the English versions, the accessible stream, the wall after the event, Leichte Sprache
    title_en: str = ""
    description_en: str = ""
    captions_url: str = ""
    sign_language_url: str = ""
    wall_open_after_event: bool = False
    easy_language_text: str = ""
    easy_language_text_en: str = ""


def details_of(event: Event) -> EventDetails:
    return EventDetails(**{field.name: getattr(event, field.name) for field in fields(EventDetails)})


def _validated_event(details: EventDetails) -> dict[str, object]:
    """Every field checked, in the order of the form, before anything is written."""
    title = _line(details.title, field="event.title", limit=EVENT_TITLE_MAX, required=True)
    description = _paragraphs(details.description, field="event.description", limit=EVENT_DESCRIPTION_MAX)
    venue = _line(details.venue, field="event.venue", limit=VENUE_MAX)
    address = _line(details.address, field="event.address", limit=ADDRESS_MAX)
    starts_at, ends_at = _times(details.starts_at, details.ends_at, "event")
    livestream = (details.livestream_url or "").strip()
    if len(livestream) > URL_MAX or not livestream_url_allowed(livestream):
        raise ServiceError("event.bad_livestream_url", field="livestream_url")
    opens = _aware(details.participation_opens_at, "participation_opens_at")
    closes = _aware(details.participation_closes_at, "participation_closes_at")
    if opens is not None and closes is not None and closes <= opens:
        raise ServiceError("event.closes_before_opens", field="participation_closes_at")
    try:
        mode = ModerationMode(details.moderation_mode)
    except ValueError:
        raise ServiceError("event.bad_mode", field="moderation_mode") from None
    return {
        "title": title, "description": description, "venue": venue, "address": address,
        "starts_at": starts_at, "ends_at": ends_at, "livestream_url": livestream,
        "participation_opens_at": opens, "participation_closes_at": closes, "moderation_mode": mode,
        "public_url": _web_address(details.public_url, "public_url"),
        "imprint_url": _web_address(details.imprint_url, "imprint_url"),
        "privacy_url": _web_address(details.privacy_url, "privacy_url"),
        **_validated_extras(details),
    }


def _captions_address(value: str) -> str:
    """A WebVTT file for the player or a live-caption page: the player's own rule
    (features.home.livestream_url), so what is saved is what the player shows."""
    url = (value or "").strip()
    if len(url) > URL_MAX or not captions_url_allowed(url):
        raise ServiceError("event.bad_captions_url", field="captions_url")
    return url


def _validated_extras(details: EventDetails) -> dict[str, object]:
    """The fields issue 13 added, checked like their German neighbours (same limits, same cleaning)."""
    sign_language = (details.sign_language_url or "").strip()
    if len(sign_language) > URL_MAX or not livestream_url_allowed(sign_language):
        raise ServiceError("event.bad_sign_language_url", field="sign_language_url")
    return {
        "title_en": _line(details.title_en, field="event.title_en", limit=EVENT_TITLE_MAX),
        "description_en": _paragraphs(
            details.description_en, field="event.description_en", limit=EVENT_DESCRIPTION_MAX
        ),
        "captions_url": _captions_address(details.captions_url),
        "sign_language_url": sign_language,
        "wall_open_after_event": bool(details.wall_open_after_event),
        "easy_language_text": _paragraphs(
            details.easy_language_text, field="event.easy_language_text", limit=EASY_LANGUAGE_MAX
        ),
        "easy_language_text_en": _paragraphs(
            details.easy_language_text_en, field="event.easy_language_text_en", limit=EASY_LANGUAGE_MAX
        ),
    }


# --- the event ------------------------------------------------------------------------------

async def update_event(actor: StaffAccount | None, event_id: int, details: EventDetails) -> Event:
    """Save the event tab. The moderation mode goes through features.moderation.service, so open
    consoles switch with it and its log entry reads like a moderator's switch."""
    staff = await require_role(actor, Role.ORGANISER)
    values = _validated_event(details)
    mode = values.pop("moderation_mode")
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        changed = [name for name, value in values.items() if getattr(event, name) != value]
        if changed:
            for name in changed:
                setattr(event, name, values[name])
            await event.save(update_fields=[*changed, "updated_at"])
            await record(staff, event_id, "event", detail=", ".join(changed))
            await publication.publish(Signal(EVENT_SETTINGS, event_id))
        if mode != event.moderation_mode:
            await set_moderation_mode(staff, event_id, mode)  # type: ignore[arg-type]
            event.moderation_mode = mode  # type: ignore[assignment]
    return event


async def create_next_event(
    actor: StaffAccount | None, title: str, starts_at: datetime, ends_at: datetime
) -> Event:
    """Set up the next event. The site shows the event with the latest start, so the new one
    must start after the current one (otherwise it would hide behind it).

    It takes over the current event's links, moderation mode and blocked words: they belong to
    the organisation rather than to one date, and a new event must not lose its imprint link.
    """
    staff = await require_role(actor, Role.ORGANISER)
    clean_title = _line(title, field="event.title", limit=EVENT_TITLE_MAX, required=True)
    start, end = _times(starts_at, ends_at, "event")
    async with bus().transaction() as publication:
        current = await current_event()
        if current is not None and start <= current.starts_at:
            raise ServiceError("event.not_after_current", field="starts_at")
        event = await Event.create(
            title=clean_title, starts_at=start, ends_at=end,
            moderation_mode=current.moderation_mode if current else ModerationMode.POST,
            blocked_words=current.blocked_words if current else None,
            public_url=current.public_url if current else "",
            imprint_url=current.imprint_url if current else "",
            privacy_url=current.privacy_url if current else "",
        )
        await record(staff, event.id, "event_new", detail=f"#{current.id}" if current else "")
        await publication.publish(Signal(EVENT_SETTINGS, event.id))
    return event


# --- the programme --------------------------------------------------------------------------

@dataclass(frozen=True)
class AgendaDetails(Scheduled):
    speakers: str = ""
    location: str = ""
    title_en: str = ""
    description_en: str = ""


def _validated_item(details: AgendaDetails) -> dict[str, object]:
    title = _line(details.title, field="agenda.title", limit=ITEM_TITLE_MAX, required=True)
    description = _paragraphs(details.description, field="agenda.description", limit=ITEM_DESCRIPTION_MAX)
    speakers = _line(details.speakers, field="agenda.speakers", limit=SPEAKERS_MAX)
    location = _line(details.location, field="agenda.location", limit=LOCATION_MAX)
    starts_at, ends_at = _times(details.starts_at, details.ends_at, "agenda")
    if ends_at - starts_at > ITEM_LONGEST:
        raise ServiceError("agenda.too_long", field="ends_at", hours=int(ITEM_LONGEST.total_seconds() // 3600))
    return {
        "title": title, "description": description, "speakers": speakers, "location": location,
        "starts_at": starts_at, "ends_at": ends_at,
        "title_en": _line(details.title_en, field="agenda.title_en", limit=ITEM_TITLE_MAX),
        "description_en": _paragraphs(
            details.description_en, field="agenda.description_en", limit=ITEM_DESCRIPTION_MAX
        ),
    }


async def _announce_programme(publication: Publication, event_id: int) -> None:
    """Tell open pages the programme changed, with what runs now (the change may move it)."""
    programme = await load_programme(event_id)
    running = running_item_id(programme, utcnow()) if programme is not None else None
    await publication.publish(Signal(AGENDA_NOW, event_id, {"item_id": running, AGENDA_CHANGED: 1}))


async def _item(item_id: int) -> AgendaItem:
    item = await AgendaItem.get_or_none(id=item_id).select_for_update()
    if item is None:
        raise NotFound("agenda_item_not_found")
    return item


async def add_agenda_item(actor: StaffAccount | None, event_id: int, details: AgendaDetails) -> AgendaItem:
    staff = await require_role(actor, Role.ORGANISER)
    values = _validated_item(details)
    async with bus().transaction() as publication:
        if not await Event.exists(id=event_id):
            raise NotFound("event_not_found")
        last = await AgendaItem.filter(event_id=event_id).order_by("-position").first()
        item = await AgendaItem.create(event_id=event_id, position=(last.position + 1) if last else 0, **values)
        await record(staff, event_id, "agenda_add", detail=f"#{item.id} {item.title}")
        await _announce_programme(publication, event_id)
    return item


async def update_agenda_item(actor: StaffAccount | None, item_id: int, details: AgendaDetails) -> AgendaItem:
    staff = await require_role(actor, Role.ORGANISER)
    values = _validated_item(details)
    async with bus().transaction() as publication:
        item = await _item(item_id)
        changed = [name for name, value in values.items() if getattr(item, name) != value]
        if changed:
            for name in changed:
                setattr(item, name, values[name])
            await item.save(update_fields=changed)
            event_id: int = item.event_id
            await record(staff, event_id, "agenda_edit", detail=f"#{item.id} {item.title}")
            await _announce_programme(publication, event_id)
    return item


def _relay(earlier: AgendaItem, later: AgendaItem) -> None:
    """Swap two neighbouring slots in time; see `move_agenda_item` for the rule."""
    gap = max(timedelta(0), later.starts_at - earlier.ends_at)
    start = earlier.starts_at
    first_length, second_length = later.ends_at - later.starts_at, earlier.ends_at - earlier.starts_at
    later.starts_at, later.ends_at = start, start + first_length
    earlier.starts_at = later.ends_at + gap
    earlier.ends_at = earlier.starts_at + second_length


async def move_agenda_item(actor: StaffAccount | None, item_id: int, direction: int) -> AgendaItem:
    """Move an item one place up (-1) or down (+1) in the programme.

    The rule: the item changes places with its neighbour in the listed order, and the two slots
    are laid out again from the earlier of their two starts, each keeping its own duration and
    the break between them (if there was one) staying between them. So the pair still ends when
    it ended before, and nothing else in the programme moves. Two items that start at the same
    time (parallel sessions) only swap their order and keep their times. Overlapping items
    that start at different times are laid out back to back. The first item cannot move up nor
    the last down: then nothing changes.
    """
    if direction not in (-1, 1):
        raise ServiceError("agenda.bad_move")
    staff = await require_role(actor, Role.ORGANISER)
    async with bus().transaction() as publication:
        item = await _item(item_id)
        event_id: int = item.event_id
        items = list(
            await AgendaItem.filter(event_id=event_id).order_by("starts_at", "position", "id").select_for_update()
        )
        index = next(index for index, other in enumerate(items) if other.id == item.id)
        neighbour = index + direction
        if not 0 <= neighbour < len(items):
            return item
        earlier, later = items[min(index, neighbour)], items[max(index, neighbour)]
        if earlier.starts_at != later.starts_at:
            _relay(earlier, later)
        items[min(index, neighbour)], items[max(index, neighbour)] = later, earlier
        for position, other in enumerate(items):
            if other in (earlier, later) or other.position != position:
                other.position = position
                await other.save(update_fields=["position", "starts_at", "ends_at"])
        moved = items[neighbour]
        await record(staff, event_id, "agenda_move", detail=f"#{moved.id} {'up' if direction < 0 else 'down'}")
        await _announce_programme(publication, event_id)
    return moved


async def delete_agenda_item(actor: StaffAccount | None, item_id: int) -> None:
    """Remove an item from the programme. Contributions and results filed under it stay (they
    lose only the link); if the moderators had marked it as "now", the marker follows the clock
    again. Done here rather than left to the database's ON DELETE, so it reads the same on every
    database."""
    staff = await require_role(actor, Role.ORGANISER)
    async with bus().transaction() as publication:
        item = await _item(item_id)
        event_id: int = item.event_id
        await Event.filter(id=event_id, current_agenda_item_id=item.id).update(current_agenda_item_id=None)
        await Contribution.filter(agenda_item_id=item.id).update(agenda_item_id=None)
        await Result.filter(agenda_item_id=item.id).update(agenda_item_id=None)
        await record(staff, event_id, "agenda_delete", detail=f"#{item.id} {item.title}")
        await item.delete()
        await _announce_programme(publication, event_id)
