"""The address the hall screen's QR code points to, as a service: the screen shows it and the
preflight check (features.system.preflight) compares it with PUBLIC_URL, so both use this one rule."""

from __future__ import annotations

from features.admin.event_setup import event_links
from models.event import Event


def join_url(event: Event | None) -> str:
    """The address the QR code shows: the event's public address if set, else the setting's."""
    return f"{event_links(event).public_url}/j"
