"""What a process missed while it could not hear the bus: re-announce it from the database.

Handlers take every event as "this changed, show its current state", and the browser lists are
keyed by id, so announcing a contribution twice never shows it twice.

It lives with the system feature, not in core/: it reads contributions, the moderation log and
the agenda's running item (features.agenda.service), and core/ imports no feature. The system
feature's lifecycle hands it to the PostgreSQL transport (core.bus stays ignorant of features).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core.bus import AGENDA_CHANGED, AGENDA_NOW, CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal
from features.agenda.service import load_programme, running_item_id, utcnow
from models.contribution import Contribution
from models.moderation import ModerationLogEntry

# Clocks of database and app may differ a little, and a transaction may commit a moment after
# it stamped its rows: look back a bit further than the gap itself.
SAFETY_MARGIN = timedelta(seconds=5)


async def events_since(moment: datetime) -> list[Signal]:
    """Ids only, never text: a withdrawn contribution is announced like any change, and whoever
    shows it drops it. Deleted rows cannot be announced one by one: a purge of an event (its log
    entry) is announced again as a whole, so open pages empty."""
    since = moment - SAFETY_MARGIN
    purged = await ModerationLogEntry.filter(action="purge", created_at__gte=since).order_by("id").values_list(
        "event_id", flat=True
    )
    events = [Signal(CONTRIBUTIONS_PURGED, int(event_id), {}) for event_id in dict.fromkeys(purged)]  # type: ignore[call-overload]
    rows = await Contribution.filter(updated_at__gte=since).order_by("id").values_list("id", "event_id")
    events += [Signal(CONTRIBUTION, int(event_id), {"contribution_id": int(pk)}) for pk, event_id in rows]
    programme = await load_programme()
    if programme is not None:
        running = running_item_id(programme, utcnow())
        # the programme may have been edited meanwhile too: pages reload it, not only the marker
        events.append(Signal(AGENDA_NOW, programme.event.id, {"item_id": running, AGENDA_CHANGED: 1}))
    return events
