"""A short notice while this server process cannot hear the other processes (PostgreSQL bus).

Viewers then know why nothing new arrives for a moment; the catch-up after the reconnect fills
the gap, so the notice promises that nothing is lost.

The bus state is the same for every tab of the process, so there is one subscription per
process that updates all open notices, not one subscription (and closure) per tab.
"""

from __future__ import annotations

import weakref

from nicegui import ui

from components.i18n import t
from components.live import tab_is_open
from core.bus import BUS_STATE, Bus, Signal, bus

_notices: weakref.WeakSet[ui.label] = weakref.WeakSet()
_subscribed_to: list[Bus] = []  # the bus the one handler is registered with


def _on_state(event: Signal) -> None:
    visible = not event.ids.get("connected")
    for notice in list(_notices):
        if not notice.is_deleted and tab_is_open(notice.client):
            with notice.client:
                notice.set_visibility(visible)


class ConnectionState:
    def __init__(self) -> None:
        self.notice = ui.label(t("live.reconnecting")).props("role=status").classes(
            "bg-amber-100 text-amber-950 border border-amber-700 rounded px-3 py-2 font-semibold"
        ).mark("reconnecting")
        self.notice.set_visibility(not bus().connected)
        if not _subscribed_to or _subscribed_to[0] is not bus():
            bus().subscribe(BUS_STATE, _on_state)
            _subscribed_to[:] = [bus()]
        _notices.add(self.notice)
