"""The moderation log: every decision is written in the transaction that makes it.

Read by organisers on /moderation. Entries are never changed or deleted, and they name
contributions by id only, so the log repeats no participant text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.clock import utcnow
from features.staff.service import require_role
from models.event import AgendaItem
from models.moderation import ModerationLogEntry
from models.result import Result
from models.staff import Role, StaffAccount

# The action the app logs when participants' flags take a post off the wall. The stored value
# stays "reported" (older logs and the locale key moderation.action.reported use it).
HELD_AFTER_FLAGS = "reported"


async def record(
    staff: StaffAccount | None,
    event_id: int,
    action: str,
    *,
    contribution_id: int | None = None,
    reason: str = "",
    detail: str = "",
) -> ModerationLogEntry:
    """Write one entry; `staff` None means the app decided (flags reached the limit). Its time is
    the app's clock (core.clock): the undo window (features.moderation.undo) is measured from it."""
    return await ModerationLogEntry.create(
        event_id=event_id, staff=staff, staff_name=staff.name if staff else "", action=action,
        contribution_id=contribution_id, reason=reason, detail=detail[:200], created_at=utcnow(),
    )


async def recent_entries(actor: StaffAccount | None, event_id: int, *, limit: int = 100) -> list[ModerationLogEntry]:
    """The newest entries first; organisers only."""
    await require_role(actor, Role.ORGANISER)
    return await newest_entries(event_id, limit=limit)


async def newest_entries(event_id: int, *, limit: int = 100) -> list[ModerationLogEntry]:
    """The newest entries first, for a caller that checked the role itself: the moderation
    console reads them once per signal for every organiser's tab, each tab checking its session."""
    return list(await ModerationLogEntry.filter(event_id=event_id).order_by("-id").limit(limit))


@dataclass(frozen=True)
class LogNames:
    """What the ids in log details stand for: the log stores ids (a title may change or go), the
    console shows today's names, read once per signal for every organiser's tab."""

    items: dict[int, AgendaItem] = field(default_factory=dict)
    results: dict[int, Result] = field(default_factory=dict)


async def log_names(event_id: int) -> LogNames:
    """The event's programme items and results by id."""
    items = await AgendaItem.filter(event_id=event_id)
    results = await Result.filter(topic__event_id=event_id)
    return LogNames({item.id: item for item in items}, {result.id: result for result in results})


async def rejection_reasons(contribution_ids: list[int]) -> dict[int, str]:
    """The reason of the latest rejection of each contribution, for its author's card."""
    return await decision_reasons(contribution_ids, "reject")


async def decision_reasons(contribution_ids: list[int], action: str) -> dict[int, str]:
    """The reason of the latest `action` ("reject", "hide") on each contribution, for its author."""
    if not contribution_ids:
        return {}
    rows = (
        await ModerationLogEntry.filter(contribution_id__in=contribution_ids, action=action)
        .order_by("id")
        .values_list("contribution_id", "reason")
    )
    return {int(pk): str(reason) for pk, reason in rows}  # type: ignore[misc]
