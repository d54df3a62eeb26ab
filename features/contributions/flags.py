"""Participants flag a post they find not okay; enough flags take it off the wall for review.

One flag per browser and post (the database enforces it). When the open flags reach
`Settings.flag_hide_threshold` (REPORT_HIDE_THRESHOLD), the post goes back to the queue
(pending): off every wall and screen at once, but not judged yet; a moderator approves it again
or rejects it. (A flag is what a participant does; the council report is features.exports.)
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from core.bus import CONTRIBUTION, Signal, bus
from core.errors import NotFound, ServiceError
from core.rate_limit import throttle
from features.moderation.audit import HELD_AFTER_FLAGS, record
from models.contribution import Contribution, Status
from models.moderation import Flag
from settings import get_settings

# Flags take posts off the wall: a script inventing browsers must not empty it. Ten a minute
# is more than a person flags in a morning; the address limit is twenty-fold (the hall's NAT).
FLAGS_PER_MINUTE = 10


async def flag_contribution(contribution_id: int, flagger_id: str, *, address: str | None = None) -> bool:
    """Flag a published post. False when this browser had flagged it already; its own post a
    browser cannot flag (ServiceError "contribution.own_flag": it can delete it instead)."""
    if not flagger_id:
        raise NotFound("contribution_not_found")
    with throttle("flag", FLAGS_PER_MINUTE).slot(flagger_id, address):
        return await _flag(contribution_id, flagger_id)


async def _flag(contribution_id: int, flagger_id: str) -> bool:
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None or contribution.status != Status.PUBLISHED:
            raise NotFound("contribution_not_found")
        if contribution.author_id == flagger_id:  # one's own post is deleted, not reported
            raise ServiceError("contribution.own_flag")
        if await Flag.exists(contribution_id=contribution_id, flagger_id=flagger_id):
            return False
        try:
            await Flag.create(contribution_id=contribution_id, flagger_id=flagger_id[:64])
        except IntegrityError:  # the same browser, twice at once
            return False
        open_flags = await Flag.filter(contribution_id=contribution_id, reviewed=False).count()
        if open_flags >= get_settings().flag_hide_threshold:
            contribution.status = Status.PENDING
            contribution.highlighted = False
            await contribution.save(update_fields=["status", "highlighted", "updated_at"])
            event_id = contribution.event_id
            await record(None, event_id, HELD_AFTER_FLAGS, contribution_id=contribution_id, detail=str(open_flags))
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution_id}))
    return True


async def flagged_ids(flagger_id: str, contribution_ids: list[int]) -> set[int]:
    """Which of these posts this browser has flagged: its buttons say so."""
    if not flagger_id or not contribution_ids:
        return set()
    rows = await Flag.filter(flagger_id=flagger_id, contribution_id__in=contribution_ids).values_list(
        "contribution_id", flat=True
    )
    return {int(pk) for pk in rows}  # type: ignore[call-overload]
