"""Hands each contribution event to every list in this process that shows the event.

One bus subscription per process: the contribution is read and serialised once per event, not
once per tab. A published post that a tab shows as it is goes out as ONE socket.io message to
all those tabs at once (encoded once, like a bare broadcast); everything else (a pending post for
its author, a withdrawal, a tab without a socket right now) takes the tab's own ordered outbox,
which NiceGUI replays after a short gap. A tab that reconnects gets its list again (see
ContributionList), so a broadcast it missed is not lost.

A follower is any element with `client`, `is_deleted`, `receive(contribution, view)` and
`forget_all()` (every contribution of the event was deleted: show none). It hears only the kinds
it names in `kinds` (default: wall posts), so a comment on a result never reaches the wall or the
hall screen; within those kinds the follower decides what it shows.
"""

from __future__ import annotations

import json
import weakref
from typing import Any, Protocol

from nicegui import Client, core

from components.contribution_list import ContributionList, shared_view
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal, bus
from features.contributions.service import get_contribution, view_of
from models.contribution import Contribution, Kind

WALL_ONLY = frozenset({Kind.WALL.value})


class Follower(Protocol):
    client: Client

    @property
    def is_deleted(self) -> bool: ...

    def receive(self, contribution: Contribution, view: dict[str, Any]) -> None: ...

    def forget_all(self) -> None: ...


_lists: dict[int, weakref.WeakSet[Any]] = {}
_subscribed = False


def follow(event_id: int, contribution_list: Follower) -> None:
    """Keep `contribution_list` up to date until its tab closes."""
    global _subscribed
    if not _subscribed:
        bus().subscribe(CONTRIBUTION, _on_contribution)
        bus().subscribe(CONTRIBUTIONS_PURGED, _on_purged)
        _subscribed = True
    lists = _lists.setdefault(event_id, weakref.WeakSet())
    lists.add(contribution_list)
    contribution_list.client.on_delete(lambda: lists.discard(contribution_list))


def followers(event_id: int) -> int:
    return len(_lists.get(event_id, ()))


def _on_purged(event: Signal) -> None:
    """An organiser deleted every contribution of the event: every list of it empties."""
    for contribution_list in [item for item in _lists.get(event.event_id, ()) if not item.is_deleted]:
        with contribution_list.client:
            contribution_list.forget_all()


async def _on_contribution(event: Signal) -> None:
    lists = [item for item in _lists.get(event.event_id, ()) if not item.is_deleted]
    if not lists:
        return
    contribution = await get_contribution(int(event.ids["contribution_id"] or 0))
    if contribution is None:
        return
    view: dict[str, Any] = shared_view(view_of(contribution).as_dict())  # also for later page builds
    rooms: dict[int, list[str]] = {}  # element id of a list -> the tabs that get one shared message
    for contribution_list in lists:
        if str(contribution.kind) not in getattr(contribution_list, "kinds", WALL_ONLY):
            continue
        if isinstance(contribution_list, ContributionList) and contribution_list.takes_broadcast(contribution):
            contribution_list.remember(view)
            rooms.setdefault(contribution_list.id, []).append(contribution_list.client.id)
            continue
        with contribution_list.client:
            contribution_list.receive(contribution, view)
    arguments = json.dumps([view])
    for element_id, client_ids in rooms.items():
        code = f'return runMethod({element_id}, "upsert", {arguments})'
        await core.sio.emit("run_javascript", {"code": code}, room=client_ids)
