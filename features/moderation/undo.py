"""Taking back a hide or a rejection for a short while: a tap on "Ausblenden" beside "Auf die
Leinwand" on a tablet must not cost a post its place.

The moderator who decided may undo it within `UNDO_WINDOW` of the decision (by the one clock,
`core.clock`); the post goes back where it was (a hidden post onto the wall, a rejected one into
the queue). After the window, or once anything else happened to the post, the undo is refused
with a message: then "Wiederherstellen" in the list is the way. Both the decision and the undo
stay in the log.
"""

from __future__ import annotations

from datetime import timedelta

from core.bus import CONTRIBUTION, Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from features.moderation.audit import record
from features.moderation.service import WAS_HIGHLIGHTED
from features.staff.service import require_role
from models.contribution import Contribution, Status
from models.moderation import ModerationLogEntry
from models.staff import StaffAccount

UNDO_WINDOW = timedelta(seconds=10)
# the decisions that can be taken back, the status they left and the action the undo logs
UNDOABLE = {"hide": (Status.HIDDEN, Status.PUBLISHED), "reject": (Status.REJECTED, Status.PENDING)}


async def undo_decision(actor: StaffAccount | None, contribution_id: int) -> Contribution:
    """Take back the actor's own hide or rejection of a post, within `UNDO_WINDOW` of it."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None:
            raise NotFound("contribution_not_found")
        last = await ModerationLogEntry.filter(contribution_id=contribution_id).order_by("-id").first()
        if last is None or last.action not in UNDOABLE or contribution.status != UNDOABLE[last.action][0]:
            raise ServiceError("moderation.already_decided")
        if last.staff_id != staff.id:
            raise ServiceError("moderation.undo_not_yours")
        if utcnow() - last.created_at > UNDO_WINDOW:
            raise ServiceError("moderation.undo_expired", seconds=int(UNDO_WINDOW.total_seconds()))
        contribution.status = UNDOABLE[last.action][1]
        fields = ["status", "updated_at"]
        if await _back_on_screen(contribution, last):
            contribution.highlighted = True
            fields.append("highlighted")
        await contribution.save(update_fields=fields)
        await record(staff, contribution.event_id, f"undo_{last.action}", contribution_id=contribution.id)
        await publication.publish(Signal(CONTRIBUTION, contribution.event_id, {"contribution_id": contribution.id}))
    return contribution


async def _back_on_screen(contribution: Contribution, decision: ModerationLogEntry) -> bool:
    """A hide that took the post off the screen's highlight puts it back, unless a moderator has
    highlighted another post meanwhile (the screen shows one, and theirs is the newer choice)."""
    if decision.detail != WAS_HIGHLIGHTED or contribution.status != Status.PUBLISHED:
        return False
    return not await Contribution.filter(event_id=contribution.event_id, highlighted=True).exists()
