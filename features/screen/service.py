"""The hall screen as the moderators curate it: which posts it lists (every published one, or only
those on the "Auf die Leinwand" list), that list in the moderators' order, the pause slide's text
and whether cards show how many support a post.

Every change is one function that checks the actor's role, writes the change and its log entry in
one transaction and announces it: a change of the list as CONTRIBUTION of each post it moved
(every screen re-reads its list), a setting as EVENT_SETTINGS (through
features.moderation.service.save_event_setting, as the screen mode). Only a published post can be
picked, and the screen lists only published picks, so a post hidden later leaves the screen at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.bus import CONTRIBUTION, Publication, Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from core.text_input import clean_within
from features.moderation.audit import record
from features.moderation.service import save_event_setting
from features.staff.service import require_role
from models.contribution import Contribution, Kind, Status
from models.event import Event, ScreenMode, ScreenSource
from models.staff import StaffAccount

PAUSE_TEXT_MAX_LENGTH = 200
MAX_PICKS = 50  # far more than a projector shows (features.screen.page.SCREEN_POSTS)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenState:
    """The event's screen settings, as every screen of it shows them."""

    mode: ScreenMode
    source: ScreenSource = ScreenSource.ALL
    show_support: bool = False
    pause_text: str = ""

    @classmethod
    def of(cls, event: Event) -> ScreenState:
        return cls(
            ScreenMode(event.screen_mode),
            ScreenSource(event.screen_source),
            bool(event.screen_show_support),
            event.screen_pause_text,
        )


async def current_state(event_id: int) -> ScreenState | None:
    stored = await Event.get_or_none(id=event_id)
    return None if stored is None else ScreenState.of(stored)


async def picked_contributions(event_id: int, *, limit: int = MAX_PICKS) -> list[Contribution]:
    """The "Auf die Leinwand" list as the screen shows it: published picks, in the moderators' order."""
    return list(
        await Contribution.filter(
            event_id=event_id, kind=Kind.WALL, status=Status.PUBLISHED, screen_position__not_isnull=True
        )
        .order_by("screen_position", "id")
        .limit(limit)
    )


async def pick_candidates(event_id: int, *, limit: int = 50) -> list[Contribution]:
    """The newest published wall posts that are not picked yet: what the console offers to add."""
    return list(
        await Contribution.filter(
            event_id=event_id, kind=Kind.WALL, status=Status.PUBLISHED, screen_position__isnull=True
        )
        .order_by("-id")
        .limit(limit)
    )


# --- the list --------------------------------------------------------------------------------


async def _picked_ids(event_id: int) -> list[int]:
    """Every pick of the event in order, whatever its status (a hidden post keeps its place)."""
    rows = (
        await Contribution.filter(event_id=event_id, screen_position__not_isnull=True)
        .select_for_update()
        .order_by("screen_position", "id")
        .values_list("id", flat=True)
    )
    return [int(pk) for pk in rows]  # type: ignore[call-overload]


async def _renumber(publication: Publication, event_id: int, ids: list[int], before: list[int]) -> None:
    """Store `ids` as positions 0, 1, …, and announce each post whose place changed."""
    now = utcnow()
    old = {pk: index for index, pk in enumerate(before)}
    for index, pk in enumerate(ids):
        if old.get(pk) != index:
            await Contribution.filter(id=pk).update(screen_position=index, updated_at=now)
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": pk}))


async def _locked_with_picks(contribution_id: int) -> tuple[Contribution, list[int]]:
    """The post, locked, and the event's picks in order (inside the caller's transaction)."""
    contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
    if contribution is None:
        raise NotFound("contribution_not_found")
    return contribution, await _picked_ids(contribution.event_id)


async def pick(actor: StaffAccount | None, contribution_id: int) -> Contribution:
    """Put a published wall post at the end of the "Auf die Leinwand" list."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None or contribution.kind != Kind.WALL:
            raise NotFound("contribution_not_found")
        if contribution.status != Status.PUBLISHED:
            raise ServiceError("screen.not_published")
        event_id = contribution.event_id
        before = await _picked_ids(event_id)
        if contribution.id not in before:
            if len(before) >= MAX_PICKS:
                raise ServiceError("screen.too_many_picks", limit=MAX_PICKS)
            await _renumber(publication, event_id, [*before, contribution.id], before)
            await record(staff, event_id, "pick", contribution_id=contribution.id)
    return contribution


async def unpick(actor: StaffAccount | None, contribution_id: int) -> None:
    """Take a post off the "Auf die Leinwand" list (it stays on the wall)."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution, before = await _locked_with_picks(contribution_id)
        event_id = contribution.event_id
        if contribution.id not in before:
            return
        await Contribution.filter(id=contribution.id).update(screen_position=None, updated_at=utcnow())
        await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution.id}))
        await _renumber(publication, event_id, [pk for pk in before if pk != contribution.id], before)
        await record(staff, event_id, "unpick", contribution_id=contribution.id)


async def move_pick(actor: StaffAccount | None, contribution_id: int, offset: int) -> None:
    """Move a pick `offset` places up (negative) or down the list; at either end it stays."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution, before = await _locked_with_picks(contribution_id)
        event_id = contribution.event_id
        if contribution.id not in before:
            raise ServiceError("screen.not_picked")
        ids = [pk for pk in before if pk != contribution.id]
        place = max(0, min(before.index(contribution.id) + int(offset), len(ids)))
        ids.insert(place, contribution.id)
        if ids != before:
            await _renumber(publication, event_id, ids, before)
            await record(staff, event_id, "pick_move", contribution_id=contribution.id, detail=str(place + 1))


# --- the screen's settings -------------------------------------------------------------------


async def set_screen_source(actor: StaffAccount | None, event_id: int, source: ScreenSource) -> None:
    """The screen lists every published post, or only the picked ones."""
    source = ScreenSource(source)
    await save_event_setting(actor, event_id, "screen_source", source, action="screen_source", detail=source.value)


async def set_screen_support(actor: StaffAccount | None, event_id: int, shown: bool) -> None:
    """Whether screen cards show how many people support a post."""
    await save_event_setting(
        actor, event_id, "screen_show_support", bool(shown), action="screen_support", detail="on" if shown else "off"
    )


async def set_pause_text(actor: StaffAccount | None, event_id: int, text: str) -> str:
    """The pause slide's text (e.g. "Mittagspause – weiter um 13:00"); empty: the default text."""
    await require_role(actor)  # before the text is looked at
    cleaned = clean_within(text, PAUSE_TEXT_MAX_LENGTH, "screen.pause_text_too_long", multiline=False)
    await save_event_setting(actor, event_id, "screen_pause_text", cleaned, action="pause_text", detail=cleaned)
    return cleaned
