"""Connect one browser tab to the event bus for as long as it is open."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import Client, ui

from services.live import LiveEvent, bus


def tab_is_open(client: Client) -> bool:
    """Still a tab NiceGUI serves: not deleted, and not dropped from its registry (a test reset
    clears it without deleting), so handlers that read the database skip tabs nobody sees."""
    return not client.is_deleted and Client.instances.get(client.id) is client


def on_live(kind: str, event_id: int, handler: Callable[[LiveEvent], None]) -> None:
    """Run `handler` in this tab's context for every `kind` event of `event_id`; stop when the tab goes."""
    client = ui.context.client

    def deliver(event: LiveEvent) -> None:
        if event.event_id != event_id or not tab_is_open(client):
            return
        with client:
            handler(event)

    client.on_delete(bus().subscribe(kind, deliver))
