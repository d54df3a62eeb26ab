"""Participants flag a post they find not okay; enough flags take it off the wall for review.

One flag per browser and post (the database enforces it). Every flag is kept and the moderators
see it (a post with open flags is marked in the console), but only flags that cannot be minted
take the post off the wall: when the open flags of *established* browsers
(features.contributions.standing) reach `Settings.flag_hide_threshold` (REPORT_HIDE_THRESHOLD)
*and* come from at least `Settings.flag_hide_addresses` (FLAG_HIDE_ADDRESSES) network addresses,
the post goes back to the queue (pending): off every wall and screen at once, but not judged yet;
a moderator approves it again or rejects it. Otherwise it stays on the wall, flagged. So one
person at one address cannot take a post down however many browsers they invent, and a hall
behind one address flags for the moderators. (A flag is what a participant does; the council
report is features.exports.)

Of the address only a keyed hash per post is stored (`origin_of`): whether two flags of the same
post came from one address, nothing more; it cannot be compared across posts or turned back.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError

from core.bus import CONTRIBUTION, Signal, bus
from core.errors import NotFound, ServiceError
from core.rate_limit import throttle
from features.contributions.standing import is_established, newcomer_slot
from features.moderation.audit import HELD_AFTER_FLAGS, record
from models.contribution import Contribution, Status
from models.moderation import Flag
from settings import get_settings

# Flags take posts off the wall: a script inventing browsers must not empty it. Ten a minute
# is more than a person flags in a morning; the address limit is twenty-fold (the hall's NAT).
FLAGS_PER_MINUTE = 10


@dataclass(frozen=True)
class FlagTally:
    """A post's open flags: how many, how many of them by established browsers, and from how many
    network addresses those came. The moderators see it; `takes_off_the_wall` decides."""

    flags: int = 0
    established: int = 0
    addresses: int = 0

    def takes_off_the_wall(self) -> bool:
        settings = get_settings()
        return self.established >= settings.flag_hide_threshold and self.addresses >= settings.flag_hide_addresses


def origin_of(contribution_id: int, address: str | None) -> str:
    """A keyed hash of the address, different for every post: "" when no address is known
    (all unknown addresses count as one)."""
    if not address:
        return ""
    key = get_settings().storage_secret.encode()
    return hmac.new(key, f"flag-origin:{contribution_id}:{address}".encode(), hashlib.sha256).hexdigest()[:16]


async def tallies(contribution_ids: list[int]) -> dict[int, FlagTally]:
    """The open flags of these posts (posts without open flags are left out)."""
    rows = await Flag.filter(contribution_id__in=contribution_ids, reviewed=False).values_list(
        "contribution_id", "established", "origin"
    )
    flags: dict[int, int] = {}
    origins: dict[int, list[str]] = {}
    for pk, established, origin in rows:
        flags[int(pk)] = flags.get(int(pk), 0) + 1
        if established:
            origins.setdefault(int(pk), []).append(str(origin))
    return {
        pk: FlagTally(count, len(origins.get(pk, [])), len(set(origins.get(pk, []))))
        for pk, count in flags.items()
    }


async def flag_contribution(
    contribution_id: int, flagger_id: str, *, address: str | None = None, now: datetime | None = None
) -> bool:
    """Flag a published post. False when this browser had flagged it already; its own post a
    browser cannot flag (ServiceError "contribution.own_flag": it can delete it instead).

    A brand-new browser id flags from its address's small allowance, and its flag is only shown
    to the moderators (features.contributions.standing)."""
    if not flagger_id:
        raise NotFound("contribution_not_found")
    with throttle("flag", FLAGS_PER_MINUTE).slot(flagger_id, address):
        established = await is_established(flagger_id, now)
        with newcomer_slot("flag", address, established):
            return await _flag(contribution_id, flagger_id, established, origin_of(contribution_id, address))


async def _flag(contribution_id: int, flagger_id: str, established: bool, origin: str) -> bool:
    async with bus().transaction() as publication:
        contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
        if contribution is None or contribution.status != Status.PUBLISHED:
            raise NotFound("contribution_not_found")
        if contribution.author_id == flagger_id:  # one's own post is deleted, not reported
            raise ServiceError("contribution.own_flag")
        if await Flag.exists(contribution_id=contribution_id, flagger_id=flagger_id):
            return False
        try:
            await Flag.create(
                contribution_id=contribution_id, flagger_id=flagger_id[:64], established=established, origin=origin
            )
        except IntegrityError:  # the same browser, twice at once
            return False
        tally = (await tallies([contribution_id]))[contribution_id]
        event_id = contribution.event_id
        if tally.takes_off_the_wall():
            contribution.status = Status.PENDING
            contribution.highlighted = False
            await contribution.save(update_fields=["status", "highlighted", "updated_at"])
            await record(None, event_id, HELD_AFTER_FLAGS, contribution_id=contribution_id, detail=str(tally.flags))
            await publication.publish(Signal(CONTRIBUTION, event_id, {"contribution_id": contribution_id}))
        elif tally.flags == 1 or (established and tally.established == get_settings().flag_hide_threshold):
            # it stays on the wall: the moderators' console shows it flagged (first flag), and
            # again when enough established browsers flagged it, however many addresses
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
