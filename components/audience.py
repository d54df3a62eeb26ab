"""The audience at a glance: counting a wall tab, and the line "Jetzt verbunden: 12 online, 30 im
Saal" that the live wall and the moderation console show.

The counting is features.wall.presence (one timer per process); this module only ties a tab's
NiceGUI connect and disconnect to it, and shows the totals through the one follower idiom: each
PRESENCE signal is read once per process (the totals, no database), and only when the totals of
the event changed does any open line get new text.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.live import SKIP, Followers
from core.bus import Signal
from features.wall.presence import PRESENCE, Counts, presence
from models.contribution import Channel


def count_this_tab(event_id: int, channel: Channel, viewer: str) -> None:
    """Count the current tab among the event's audience while its socket is connected."""
    client = ui.context.client
    key = client.id

    def connected() -> None:
        presence().opened(key, event_id, channel, viewer)

    def disconnected() -> None:
        if not client.has_socket_connection:  # NiceGUI also calls this when a second socket replaced the first
            presence().closed(key)

    client.on_connect(connected)
    client.on_disconnect(disconnected)
    client.on_delete(lambda: presence().closed(key))
    if client.has_socket_connection:  # built into a tab that is connected already
        connected()


class AudienceLine(ui.label):
    """How many people are connected to the event's wall now (every process together)."""

    def __init__(self, event_id: int) -> None:
        counts = presence().totals(event_id)
        super().__init__(_text(counts))
        if _shown.get(event_id) != counts:  # the lines shown so far may be behind: the next signal reaches all
            _shown.pop(event_id, None)
        self.classes("sg-audience text-sm text-slate-700")
        _lines.add(event_id, self)

    def show(self, counts: Counts) -> None:
        self.set_text(_text(counts))


def _text(counts: Counts) -> str:
    return t("audience.now", online=counts.online, hall=counts.hall)


_shown: dict[int, Counts] = {}  # the totals the lines of each event show, to skip unchanged ones


async def _read(signal: Signal, _lines_of_event: list[AudienceLine]) -> Counts:
    """Fold the signal into the tally (idempotent: presence heard it too, or will), then the totals."""
    presence().heard(signal)
    counts = presence().totals(signal.event_id)
    if _shown.get(signal.event_id) == counts:
        return SKIP
    _shown[signal.event_id] = counts
    return counts


def _show(line: AudienceLine, counts: Counts, _signal: Signal) -> None:
    line.show(counts)


_lines: Followers[AudienceLine, Counts] = Followers("audience", (PRESENCE,), _read, _show)
