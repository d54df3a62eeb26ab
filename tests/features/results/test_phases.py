"""`/results` and a result's page in every phase: from when comments open, until when while
live, after the conference a banner with the closing date and the days left (the forms stay
open), and once closed the forms replaced by since when, with the documentation when published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

from core.clock import frozen_at, utcnow
from features.results.result_thread import ResultThread
from models.event import Event
from models.result import Result
from tests.support.phases import date_of, moment_in, time_of
from tests.support.user import see

PAGES = ["/results", "/results/{id}"]


async def open_at(user: User, path: str, phase: str, language: str = "de") -> Event:
    event = await Event.first()
    result = await Result.get(title="Der Wall als Boulevard")
    if language != "de":
        user.http_client.cookies.set("lang", language)
    with frozen_at(moment_in(event, phase)):
        await user.open(path.format(id=result.id))
    return event


def thread_open(user: User) -> list[bool]:
    return [item._props["open"] for item in user.client.elements.values() if isinstance(item, ResultThread)]


@pytest.mark.parametrize("path", PAGES)
async def test_before_comments_open_at_a_date(user: User, path) -> None:
    event = await open_at(user, path, "before")
    opens = event.participation_opens_at
    await see(user, f"Kommentieren ab {date_of(opens)}, {time_of(opens)} Uhr.", marker="phase-message")
    assert set(thread_open(user)) <= {False}


@pytest.mark.parametrize("path", PAGES)
async def test_live_comments_are_open_until_the_closing_date(user: User, path) -> None:
    event = await open_at(user, path, "live")
    closes = event.participation_closes_at
    await see(user, f"Kommentieren bis {date_of(closes)}, {time_of(closes)} Uhr.", marker="phase-message")
    assert set(thread_open(user)) <= {True}


@pytest.mark.parametrize("path", PAGES)
async def test_after_a_banner_with_the_closing_date_and_the_days_left(user: User, path) -> None:
    event = await open_at(user, path, "after")
    closes = event.participation_closes_at
    await see(user, f"Die Konferenz ist vorbei: Kommentieren und weiterentwickeln bis {date_of(closes)}, "
                    f"{time_of(closes)} Uhr – noch 12 Tage.", marker="phase-message")
    assert set(thread_open(user)) <= {True}


async def test_after_in_english_and_on_the_last_day(user: User) -> None:
    event = await open_at(user, "/results", "after", "en")
    closes = event.participation_closes_at
    await see(user, f"The conference is over: comments and proposals until {date_of(closes, 'en')}, "
                    f"{time_of(closes, 'en')} – 12 days left.", marker="phase-message")
    with frozen_at(closes - timedelta(minutes=1)):
        await user.open("/results")
    await see(user, "– today is the last day.", marker="phase-message")


async def test_after_a_comment_is_still_taken(user: User) -> None:
    event = await Event.first()
    result = await Result.get(title="Der Wall als Boulevard")
    with frozen_at(moment_in(event, "after")):
        await user.open(f"/results/{result.id}")
        thread = next(iter(user.find(marker="comments").elements))
        with user:
            ok, _ = await thread.send({"text": "Zwei Wochen später"})
    assert ok


@pytest.mark.parametrize("path", PAGES)
async def test_closed_the_forms_give_way_to_since_when_and_the_documentation(user: User, path) -> None:
    event = await open_at(user, path, "closed")
    await see(user, f"Die Beteiligung ist seit {date_of(event.participation_closes_at)} beendet.",
              marker="phase-message")
    assert set(thread_open(user)) <= {False}
    assert not any("phase-link-dokumentation-pdf" in item._markers for item in user.client.elements.values())
    event.report_published_at = utcnow()
    await event.save()
    await open_at(user, path, "closed")
    report = next(iter(user.find(marker="phase-link-dokumentation-pdf").elements))
    assert (report.text, report.props["href"]) == ("Dokumentation (PDF)", "/dokumentation.pdf")
