"""Connect one browser tab to the event bus for as long as it is open."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from services.live import LiveEvent, bus


def on_live(kind: str, event_id: int, handler: Callable[[LiveEvent], None]) -> None:
    """Run `handler` in this tab's context for every `kind` event of `event_id`; stop when the tab goes."""
    client = ui.context.client

    def deliver(event: LiveEvent) -> None:
        if event.event_id != event_id or client.is_deleted:
            return
        with client:
            handler(event)

    client.on_delete(bus().subscribe(kind, deliver))
