"""Participants report a post they find not okay; enough reports take it off the wall for review.

One report per browser and post (the database enforces it). When the open reports reach
REPORT_HIDE_THRESHOLD, the post goes back to the queue (pending): off every wall and screen at
once, but not judged yet; a moderator approves it again or rejects it.
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from core.bus import CONTRIBUTION, Signal, bus
from core.errors import NotFound
from core.rate_limit import throttle
from features.moderation.audit import record
from models.contribution import Contribution, Status
from models.moderation import Report
from settings import get_settings

# Reports take posts off the wall: a script inventing browsers must not empty it. Ten a minute
# is more than a person reports in a morning; the address limit is twenty-fold (the hall's NAT).
REPORTS_PER_MINUTE = 10


async def report_contribution(contribution_id: int, reporter_id: str, *, address: str | None = None) -> bool:
    """Report a published post. False when this browser had reported it already."""
    if not reporter_id:
        raise NotFound("contribution_not_found")
    with throttle("report", REPORTS_PER_MINUTE).slot(reporter_id, address):
        return await _report(contribution_id, reporter_id)


async def _report(contribution_id: int, reporter_id: str) -> bool:
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None or contribution.status != Status.PUBLISHED:
            raise NotFound("contribution_not_found")
        if await Report.exists(contribution_id=contribution_id, reporter_id=reporter_id):
            return False
        try:
            await Report.create(contribution_id=contribution_id, reporter_id=reporter_id[:64])
        except IntegrityError:  # the same browser, twice at once
            return False
        open_reports = await Report.filter(contribution_id=contribution_id, reviewed=False).count()
        if open_reports >= get_settings().report_hide_threshold:
            contribution.status = Status.PENDING
            contribution.highlighted = False
            await contribution.save(update_fields=["status", "highlighted", "updated_at"])
            event_id = contribution.event_id  # type: ignore[attr-defined]
            await record(None, event_id, "reported", contribution_id=contribution_id, detail=str(open_reports))
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution_id}))
    return True


async def reported_ids(reporter_id: str, contribution_ids: list[int]) -> set[int]:
    """Which of these posts this browser has reported: its buttons say so."""
    if not reporter_id or not contribution_ids:
        return set()
    rows = await Report.filter(reporter_id=reporter_id, contribution_id__in=contribution_ids).values_list(
        "contribution_id", flat=True
    )
    return {int(pk) for pk in rows}  # type: ignore[call-overload]
