"""What waits in the pre-moderation queue, and since when: in the weeks after the event nobody
watches the console, so /moderation and /admin show a badge ("12 Beiträge warten seit 3 Tagen")
and every waiting post says how long it has waited. The e-mail digest comes with the
notifications (issue 16) and reads the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from models.contribution import Contribution, Status


@dataclass(frozen=True)
class Backlog:
    """How many posts wait, and when the oldest of them came in (None: none waits)."""

    count: int
    oldest: datetime | None

    def waited(self, now: datetime) -> timedelta:
        return max(timedelta(0), now - self.oldest) if self.oldest is not None else timedelta(0)


async def queue_backlog(event_id: int) -> Backlog:
    """The queue of an event as the badge shows it (read once per signal for every open tab)."""
    waiting = Contribution.filter(event_id=event_id, status=Status.PENDING)
    count = await waiting.count()
    oldest = await waiting.order_by("created_at", "id").first() if count else None
    return Backlog(count, oldest.created_at if oldest is not None else None)


def age_parts(waited: timedelta) -> tuple[str, int]:
    """A wait as its largest whole unit: ("days", 3), ("hours", 2), ("minutes", 5), ("minutes", 0)."""
    seconds = max(0, int(waited.total_seconds()))
    if seconds >= 86400:
        return "days", seconds // 86400
    if seconds >= 3600:
        return "hours", seconds // 3600
    return "minutes", seconds // 60
