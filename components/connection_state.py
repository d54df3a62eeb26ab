"""A short notice while this server process cannot hear the other processes (PostgreSQL bus).

Viewers then know why nothing new arrives for a moment; the catch-up after the reconnect fills
the gap, so the notice promises that nothing is lost.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from services.live import BUS_STATE, LiveEvent, bus


class ConnectionState:
    def __init__(self) -> None:
        self.notice = ui.label(t("live.reconnecting")).props("role=status").classes(
            "bg-amber-100 text-amber-950 border border-amber-700 rounded px-3 py-2 font-semibold"
        ).mark("reconnecting")
        self.notice.set_visibility(not bus().connected)
        client = ui.context.client

        def on_state(event: LiveEvent) -> None:
            if not client.is_deleted:
                with client:
                    self.notice.set_visibility(not event.ids.get("connected"))

        client.on_delete(bus().subscribe(BUS_STATE, on_state))
