"""axe-core on the views each phase brings (home and wall before, after and closed, the home page
while live), in German and English, in real Chromium: the notices and the call to action must
be as accessible as the rest.

The server runs in a thread of its own, so its clock is not frozen: the demo event's times are
moved relative to now instead."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from core.clock import utcnow
from models.event import Event
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still

# (phase, start of the conference, end of participation) relative to now; four hours long
PHASES = {
    "before": (timedelta(days=3), timedelta(days=33)),
    "live": (-timedelta(hours=1), timedelta(days=30)),
    "after": (-timedelta(days=5), timedelta(days=12)),
    "closed": (-timedelta(days=40), -timedelta(days=2)),
}
VIEWS = [("before", "/"), ("before", "/wall"), ("live", "/"), ("after", "/"), ("after", "/wall"),
         ("closed", "/"), ("closed", "/wall")]


async def _put_in(phase: str) -> None:
    """Move the event into `phase` through a save, as /admin would: the pages' shared programme
    hears of it at once."""
    start_in, closes_in = PHASES[phase]
    event = await Event.first()
    assert event is not None
    now = utcnow().replace(microsecond=0)
    event.starts_at = now + start_in
    event.ends_at = event.starts_at + timedelta(hours=4)
    event.participation_opens_at = event.starts_at
    event.participation_closes_at = now + closes_in
    event.report_published_at = now if phase == "closed" else None  # the documentation link shows too
    await event.save()


def test_every_phase_view_passes_axe_in_both_languages(live_app, new_tab) -> None:
    tab = new_tab(1366, 900)
    found: dict[str, list[str]] = {}
    for language in ("de", "en"):
        tab.goto(f"{live_app.url}/lang/{language}?next=/agenda")
        for phase, path in VIEWS:
            live_app.call(_put_in(phase))
            tab.goto(live_app.url + path)
            connected(tab)
            expect(tab.get_by_text(_first_words(phase, path, language)).first).to_be_visible()  # the right phase
            wait_until_still(tab)
            if violations := serious_violations(tab):
                found[f"{language} {phase} {path}"] = violations
    assert found == {}, "\n".join(f"{view}: {violation}" for view, items in found.items() for violation in items)


def _first_words(phase: str, path: str, language: str) -> str:
    """The start of the notice the view must show: the right phase is on the page under test."""
    words = {
        ("before", "/"): ("Die Konferenz beginnt in 3 Tagen", "The conference starts in 3 days"),
        ("before", "/wall"): ("Die Wand öffnet am", "The wall opens on"),
        ("live", "/"): ("Livestream und Live-Wand", "Watch and take part"),
        ("after", "/"): ("Die Konferenz ist vorbei", "The conference is over"),
        ("after", "/wall"): ("Die Live-Wand ist seit dem Ende", "The live wall has been closed"),
        ("closed", "/"): ("Die Beteiligung ist seit", "Participation has been closed since"),
        ("closed", "/wall"): ("Die Beteiligung ist seit", "Participation has been closed since"),
    }[phase, path]
    return words[0] if language == "de" else words[1]
