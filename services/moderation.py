"""What moderators decide about posts on the wall: for now, which one the hall screen shows large.

The rule "one highlighted post per event" lives here and not in the screen, so every screen, the
wall and the moderation page agree on it, whichever process made the change.
"""

from __future__ import annotations

from models.contribution import Contribution, Status
from services.errors import NotFound
from services.events import utcnow
from services.live import CONTRIBUTION, LiveEvent, bus


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
            await publication.publish(LiveEvent(CONTRIBUTION, event_id, {"contribution_id": pk}))


async def highlighted_contribution(event_id: int) -> Contribution | None:
    """The post the hall screen shows large, if any: a hidden post stops being shown at once,
    even while its flag is still set."""
    shown = Contribution.filter(event_id=event_id, highlighted=True, status=Status.PUBLISHED)
    return await shown.order_by("-id").first()
