"""Hands each contribution signal to every list in this process that shows the event.

A follower of components.live: one bus subscription per process, the contribution is read and
serialised once per signal, not once per tab. A published post that a tab shows as it is goes
out as ONE socket.io message to all those tabs at once (encoded once, like a bare broadcast);
everything else (a pending post for its author, a withdrawal, a tab without a socket right now)
takes the tab's own ordered outbox, which NiceGUI replays after a short gap. A tab that
reconnects gets its list again (see ContributionList), so a broadcast it missed is not lost.

A follower is any element with `client`, `is_deleted`, `receive(contribution, view)` and
`forget_all()` (every contribution of the event was deleted: show none). It hears only the kinds
it names in `kinds` (default: wall posts), so a comment on a result never reaches the wall or the
hall screen; within those kinds the follower decides what it shows.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from nicegui import Client

from components.contribution_list import ContributionList, shared_view
from components.live import SKIP, Followers, broadcast, still_open
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal
from features.contributions.service import get_contribution, view_of
from models.contribution import Contribution, Kind

log = logging.getLogger(__name__)

WALL_ONLY = frozenset({Kind.WALL.value})
PURGED: Any = object()  # the answer to CONTRIBUTIONS_PURGED: show none


class Follower(Protocol):
    client: Client

    @property
    def is_deleted(self) -> bool: ...

    def receive(self, contribution: Contribution, view: dict[str, Any]) -> None: ...

    def forget_all(self) -> None: ...


Answer = tuple[Contribution, dict[str, Any]]


async def _read(signal: Signal, _lists: list[Follower]) -> Answer:
    """The contribution, read and serialised once per signal for every list of the process."""
    if signal.kind == CONTRIBUTIONS_PURGED:
        return PURGED
    contribution = await get_contribution(int(signal.ids.get("contribution_id") or 0))
    if contribution is None:
        return SKIP
    return contribution, shared_view(view_of(contribution).as_dict())  # shared: also for later page builds


def _show(contribution_list: Follower, answer: Answer, _signal: Signal) -> None:
    """One list, through its tab's ordered outbox (the broadcast path is in `_Feed.fan_out`)."""
    if answer is PURGED:
        contribution_list.forget_all()  # an organiser deleted every contribution of the event
        return
    contribution, view = answer
    if str(contribution.kind) in getattr(contribution_list, "kinds", WALL_ONLY):
        contribution_list.receive(contribution, view)


class _Feed(Followers[Follower, Answer]):
    async def fan_out(self, signal: Signal, answer: Answer, followers: list[Follower]) -> None:
        if answer is PURGED:
            await super().fan_out(signal, answer, followers)
            return
        contribution, view = answer
        shared: list[ContributionList] = []  # the lists that get one shared message
        # a kind of list that shows more than the public view (the moderators' notes) reads that
        # once per signal for all its lists: `read_once(contribution)`, then `receive_shared`
        extras: dict[type, Any] = {}
        for kind in {type(item) for item in followers if hasattr(item, "read_once")}:
            try:
                extras[kind] = await kind.read_once(contribution)  # type: ignore[attr-defined]
            except Exception:
                log.exception("reading %s once for its lists failed", kind.__name__)
        for contribution_list in followers:
            if not still_open(contribution_list):  # closed while the contribution was read
                continue
            if type(contribution_list) in extras:
                await self._deliver_shared(contribution_list, contribution, view, extras[type(contribution_list)])
                continue
            if (
                isinstance(contribution_list, ContributionList)
                and str(contribution.kind) in getattr(contribution_list, "kinds", WALL_ONLY)
                and contribution_list.takes_broadcast(contribution)
            ):
                contribution_list.remember(view)
                shared.append(contribution_list)
                continue
            await self.deliver_one(contribution_list, answer, signal)
        await broadcast("upsert", [view], shared)

    async def _deliver_shared(self, contribution_list: Any, contribution: Contribution, view: dict[str, Any],
                              extra: Any) -> None:
        if not still_open(contribution_list) or str(contribution.kind) not in getattr(
            contribution_list, "kinds", WALL_ONLY
        ):
            return
        try:
            with contribution_list.client:
                contribution_list.receive_shared(contribution, view, extra)
        except Exception:
            if still_open(contribution_list):
                log.exception("delivering a contribution to one list failed")


# A follower may hear a reconnect by itself (ContributionList re-sends its mirror), and the others
# take per-tab messages that NiceGUI replays after a short gap: no `again` here.
_lists = _Feed("contribution-feed", (CONTRIBUTION, CONTRIBUTIONS_PURGED), _read, _show)


def follow(event_id: int, contribution_list: Follower) -> None:
    """Keep `contribution_list` up to date until its tab closes."""
    _lists.add(event_id, contribution_list)


def followers(event_id: int) -> int:
    return _lists.count(event_id)
