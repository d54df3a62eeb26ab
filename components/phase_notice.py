"""The one notice of where the event is in time, for every page that needs it (home, wall,
results): what is possible now and until when, or from when, with the link to go there.

The phase comes from `core.phase` alone; this module only picks the words and the links for
each page, so two pages can never disagree about the same moment. A page shows what its
notice returns and nothing else about the phase (the post forms follow `core.phase` too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from nicegui import ui

from components.i18n import days_text, local_date, local_days_left, local_time, t, time_until
from components.shared_css import share_css
from core.clock import utcnow
from core.phase import EventPhase, PhaseState, WallState, event_phase, phase_state, wall_opens_at, wall_state
from models.event import Event

Page = Literal["home", "wall", "results"]
LIVE_PATH = "/live"  # the live page with player and wall (features/live)
REPORT_PATH = "/dokumentation.pdf"  # the published council report (features/exports)

# The call to action on the home page while the event is live: white on the header's blue
# (12:1), a target well above 24 px. `main a.nicegui-link` of the frame colours every link in
# the content, so this rule names the same element more precisely.
NOTICE_CSS = """
main a.nicegui-link.sg-phase-cta { display: inline-block; background: #1e3a8a; color: #fff;
  text-decoration: none; font-weight: 600; font-size: 1.125rem; border-radius: 0.375rem;
  padding: 0.75rem 1.25rem; }
main a.nicegui-link.sg-phase-cta:hover { text-decoration: underline; }
"""


@dataclass(frozen=True)
class Notice:
    """What a page says about the phase: one text, the links that go with it, and whether the
    first link is the page's call to action."""

    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    cta: bool = False
    closed: bool = False


def _until(moment: datetime) -> dict[str, str]:
    return {"date": local_date(moment), "time": local_time(moment)}


def _closed(event: Event) -> Notice:
    """Everything readable, nothing to write: since when, and the documentation once published."""
    closes = event.participation_closes_at
    assert closes is not None  # only a set end closes the participation
    links = [(t("home.to_results"), "/results")]
    if event.report_published_at is not None:
        links.insert(0, (t("phase.report"), REPORT_PATH))
    return Notice(t("phase.closed", date=local_date(closes)), links, closed=True)


def _home(event: Event, now: datetime) -> Notice:
    phase = event_phase(event, now)
    closes = event.participation_closes_at
    if phase is EventPhase.BEFORE:
        return Notice(
            t("phase.home_before", countdown=time_until(event.starts_at, now)),
            [(t("home.to_agenda"), "/agenda"), (t("agenda.download_ics"), "/agenda.ics")],
        )
    if phase is EventPhase.LIVE:
        return Notice(t("phase.home_live"), [(t("phase.to_live"), LIVE_PATH)], cta=True)
    if phase is EventPhase.AFTER:
        text = t("phase.home_after", **_until(closes)) if closes is not None else t("phase.home_after_open_end")
        return Notice(text, [(t("home.to_results"), "/results")], cta=True)
    return _closed(event)


def _wall(event: Event, now: datetime) -> Notice | None:
    state = wall_state(event, now)
    if state is WallState.NOT_YET:
        return Notice(t("phase.wall_not_yet", **_until(wall_opens_at(event))), [(t("home.to_agenda"), "/agenda")])
    if state is WallState.READ_ONLY:
        closes = event.participation_closes_at
        text = t("phase.wall_read_only", **_until(closes)) if closes is not None else t("phase.wall_read_only_open_end")
        return Notice(text, [(t("home.to_results"), "/results")])
    if state is WallState.CLOSED:
        return _closed(event)
    return None


def _results(event: Event, now: datetime) -> Notice | None:
    state = phase_state(event, now)
    closes = event.participation_closes_at
    if state is PhaseState.NOT_OPEN:
        assert event.participation_opens_at is not None
        return Notice(t("results.phase_not_open", **_until(event.participation_opens_at)))
    if state is PhaseState.CLOSED:
        return _closed(event)
    if closes is None:
        return None
    if event_phase(event, now) is EventPhase.AFTER:
        days = local_days_left(closes, now)
        left = t("phase.days_left", days=days_text(days)) if days else t("phase.last_day")
        return Notice(t("phase.results_after", left=left, **_until(closes)))
    return Notice(t("results.phase_open", **_until(closes)))


def notice_for(event: Event, page: Page, now: datetime | None = None) -> Notice | None:
    """The notice `page` shows for `event` at `now` (the app's clock unless given), in the
    visitor's language; None: nothing to say (the wall while it is open)."""
    now = now or utcnow()
    if page == "home":
        return _home(event, now)
    if page == "wall":
        return _wall(event, now)
    return _results(event, now)


def phase_notice(event: Event, page: Page, now: datetime | None = None) -> Notice | None:
    """Draw the notice of `page` (see `notice_for`) where the page is building; returns it."""
    notice = notice_for(event, page, now)
    if notice is None:
        return None
    share_css("phase-notice", NOTICE_CSS)
    tone = "bg-amber-100 border-amber-600" if notice.closed or page != "home" else "bg-white border-blue-900"
    with ui.element("div").classes(f"block rounded shadow-sm border-l-8 p-4 space-y-3 {tone}").mark("phase-notice"):
        ui.label(notice.text).classes("font-semibold text-lg max-w-prose").mark("phase-message")
        with ui.row().classes("gap-4 flex-wrap items-center"):
            for number, (label, path) in enumerate(notice.links):
                link = ui.link(label, path).mark(f"phase-link-{path.strip('/').replace('.', '-') or 'home'}")
                link.classes("sg-phase-cta" if notice.cta and number == 0 else "font-semibold")
    return notice
