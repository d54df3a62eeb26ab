"""The badge "12 Beiträge warten seit 3 Tagen" on /moderation and /admin, and how long one post
has waited ("wartet seit 2 Stunden"), in the reader's language.

The numbers are features.moderation.backlog's; the badge follows CONTRIBUTION signals through
the one follower idiom (read once per signal for every open badge of the event) and a slow timer
of its own tab keeps the age current. Hidden while nothing waits.
"""

from __future__ import annotations

from datetime import timedelta

from nicegui import ui

from components.i18n import t
from components.live import Followers
from components.shared_css import share_css
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal
from core.clock import utcnow
from features.moderation.backlog import Backlog, age_parts, queue_backlog

AGE_REFRESH_SECONDS = 60.0


def age_text(waited: timedelta) -> str:
    """ "3 Tagen", "1 Stunde", "weniger als einer Minute": the wait after "seit" / "for"."""
    unit, count = age_parts(waited)
    if count == 0:
        return t("moderation.age.moments")
    return t(f"moderation.age.{unit}_one") if count == 1 else t(f"moderation.age.{unit}_many", count=count)


def backlog_text(backlog: Backlog) -> str:
    age = age_text(backlog.waited(utcnow()))
    if backlog.count == 1:
        return t("moderation.backlog_one", age=age)
    return t("moderation.backlog_many", count=backlog.count, age=age)


class QueueBadge(ui.label):
    """How many posts wait in the queue and for how long the oldest has waited."""

    def __init__(self, event_id: int, backlog: Backlog) -> None:
        super().__init__()
        self.backlog = backlog
        self.classes("sg-queue-badge").props("role=status aria-live=polite")
        share_css("queue-badge", BADGE_CSS)
        self.show(backlog)
        # not at once: a timer that starts at once makes the page answer before it is built
        ui.timer(AGE_REFRESH_SECONDS, lambda: self.show(self.backlog), immediate=False)
        _badges.add(event_id, self)

    @classmethod
    async def of_event(cls, event_id: int) -> QueueBadge:
        return cls(event_id, await queue_backlog(event_id))

    def show(self, backlog: Backlog) -> None:
        self.backlog = backlog
        self.set_text(backlog_text(backlog) if backlog.count else "")
        self.set_visibility(backlog.count > 0)


BADGE_CSS = """
.sg-queue-badge { display: inline-block; background: #fef3c7; color: #78350f; border: 1px solid #b45309;
  border-radius: 9999px; padding: 4px 14px; font-weight: 600; }
"""


async def _read(signal: Signal, _badges_of_event: list[QueueBadge]) -> Backlog:
    return await queue_backlog(signal.event_id)


def _show(badge: QueueBadge, backlog: Backlog, _signal: Signal) -> None:
    badge.show(backlog)


_badges: Followers[QueueBadge, Backlog] = Followers(
    "queue-badge",
    (CONTRIBUTION, CONTRIBUTIONS_PURGED),
    _read,
    _show,
    again=lambda event_id: Signal(CONTRIBUTIONS_PURGED, event_id),
)


def age_texts() -> dict[str, object]:
    """What the console's queue cards need to say "wartet seit …" by themselves, ticking on in the
    browser (features/moderation/moderation_list.js): the texts and the server's clock (ms)."""
    texts: dict[str, object] = {"waiting": t("moderation.waiting"), "moments": t("moderation.age.moments")}
    for unit in ("minutes", "hours", "days"):
        texts[f"{unit}_one"] = t(f"moderation.age.{unit}_one")
        texts[f"{unit}_many"] = t(f"moderation.age.{unit}_many")
    texts["now"] = int(utcnow().timestamp() * 1000)
    return texts
