"""A short notice while this server process cannot hear the other processes (PostgreSQL bus).

Viewers then know why nothing new arrives for a moment; the catch-up after the reconnect fills
the gap, so the notice promises that nothing is lost.

The bus state is the same for every tab of the process: a follower of components.live (one
subscription per process; BUS_STATE carries event id 0, the process, so every notice follows 0).
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.live import Followers
from core.bus import BUS_STATE, Signal, bus

PROCESS = 0  # BUS_STATE is about this process, not about one event


async def _read(signal: Signal, _notices: list[ConnectionState]) -> bool:
    return bool(signal.ids.get("connected"))  # nothing to read: the signal says it


def _show(state: ConnectionState, connected: bool, _signal: Signal) -> None:
    state.notice.set_visibility(not connected)


_notices: Followers[ConnectionState, bool] = Followers(
    "connection-state", (BUS_STATE,), _read, _show,
    again=lambda _event_id: Signal(BUS_STATE, PROCESS, {"connected": int(bus().connected)}),
)


class ConnectionState:
    def __init__(self) -> None:
        self.client = ui.context.client
        self.notice = ui.label(t("live.reconnecting")).props("role=status").classes(
            "bg-amber-100 text-amber-950 border border-amber-700 rounded px-3 py-2 font-semibold"
        ).mark("reconnecting")
        self.notice.set_visibility(not bus().connected)
        _notices.add(PROCESS, self)
