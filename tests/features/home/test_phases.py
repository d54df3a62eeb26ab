"""`/` before, during, after and long after the conference, in both languages: the countdown and
the programme; the way to the live page instead of the player; the results open until a date;
closed since a date, with the documentation once published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

from core.clock import frozen_at, utcnow
from models.event import AgendaItem, Event
from tests.support.phases import date_of, moment_in, time_of
from tests.support.user import see, see_no


async def open_home(user: User, phase: str, language: str = "de") -> Event:
    event = await Event.first()
    if language != "de":
        user.http_client.cookies.set("lang", language)
    with frozen_at(moment_in(event, phase)):
        await user.open("/")
    return event


def link(user: User, marker: str) -> tuple[str, str]:
    element = next(iter(user.find(marker=marker).elements))
    return element.text, element.props["href"]


def has(user: User, marker: str) -> bool:
    return any(marker in item._markers for item in user.client.elements.values())


@pytest.mark.parametrize(("language", "countdown"), [
    ("de", "Die Konferenz beginnt in 3 Tagen."), ("en", "The conference starts in 3 days."),
])
async def test_before_a_countdown_the_programme_and_the_calendar_file(user: User, language, countdown) -> None:
    await open_home(user, "before", language)
    await see(user, countdown, marker="phase-message")
    assert link(user, "phase-link-agenda")[1] == "/agenda"
    assert link(user, "phase-link-agenda-ics")[1] == "/agenda.ics"
    assert not has(user, "now-title")  # nothing is on stage before the start
    assert link(user, "home-to-wall")[0] == {"de": "Zur Live-Wand", "en": "To the live wall"}[language]


@pytest.mark.parametrize(("language", "label"), [("de", "Livestream und Live-Wand"), ("en", "Watch and take part")])
async def test_live_leads_to_the_live_page_instead_of_the_player_and_the_wall_link(user: User, language, label) -> None:
    await open_home(user, "live", language)
    assert link(user, "phase-link-live") == (label, "/live")
    assert not has(user, "load-livestream")  # the player is on the live page, beside the wall
    assert not has(user, "home-to-wall")
    await see(user, "Präsentation der bisherigen Ergebnisse", marker="now-title")  # the stage, as before


@pytest.mark.parametrize("language", ["de", "en"])
async def test_after_it_leads_with_the_results_open_until_the_closing_date(user: User, language) -> None:
    event = await Event.first()
    event.current_agenda_item_id = (await AgendaItem.filter(event_id=event.id).first()).id  # a choice left over
    await event.save()
    await open_home(user, "after", language)
    closes = event.participation_closes_at
    date, time = date_of(closes, language), time_of(closes, language)
    expected = {
        "de": "Die Konferenz ist vorbei – kommentieren und entwickeln Sie die Ergebnisse weiter "
              f"bis {date}, {time} Uhr.",
        "en": f"The conference is over – comment on the results and develop them further until {date}, {time}.",
    }[language]
    await see(user, expected, marker="phase-message")
    assert link(user, "phase-link-results")[1] == "/results"
    assert not has(user, "now-title")  # the moderators' "now" expired with the end of the event
    await see_no(user, "Jetzt auf der Bühne" if language == "de" else "On stage now")


async def test_after_without_a_closing_date_it_names_none(user: User) -> None:
    event = await Event.first()
    event.participation_closes_at = None
    await event.save()
    with frozen_at(event.ends_at + timedelta(days=3)):
        await user.open("/")
    await see(user, "Die Konferenz ist vorbei – kommentieren und entwickeln Sie die Ergebnisse weiter.",
              marker="phase-message")


@pytest.mark.parametrize(("language", "closed", "report"), [
    ("de", "Die Beteiligung ist seit {date} beendet.", "Dokumentation (PDF)"),
    ("en", "Participation has been closed since {date}.", "Documentation (PDF)"),
])
async def test_closed_says_since_when_and_links_the_documentation_once_published(
    user: User, language, closed, report
) -> None:
    event = await open_home(user, "closed", language)
    await see(user, closed.format(date=date_of(event.participation_closes_at, language)), marker="phase-message")
    assert not has(user, "phase-link-dokumentation-pdf")
    event.report_published_at = utcnow()
    await event.save()
    await open_home(user, "closed", language)
    assert link(user, "phase-link-dokumentation-pdf") == (report, "/dokumentation.pdf")
    assert link(user, "phase-link-results")[1] == "/results"
