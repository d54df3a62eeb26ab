"""In a real Chromium: an open /agenda page follows the stage without reload."""

from __future__ import annotations

import time
from datetime import timedelta

from features.agenda.service import current_event, load_programme, set_current_agenda_item
from models.event import Event
from tests.support.browser import connected


def test_open_agenda_shows_the_new_now_item_without_reload(live_app, page) -> None:
    programme = live_app.call(load_programme())
    event_id = programme.event.id
    items = programme.items
    page.goto(f"{live_app.url}/agenda")
    connected(page)
    running = page.locator('li[aria-current="true"]')
    running.filter(has_text=items[1].title).wait_for(timeout=5000)
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    started = time.monotonic()
    live_app.call(set_current_agenda_item(event_id, items[4].id))
    running.filter(has_text=items[4].title).wait_for(timeout=1000)
    elapsed = time.monotonic() - started

    assert page.locator('li[aria-current="true"]').count() == 1
    assert page.evaluate("window.__sameDocument") is True
    assert elapsed < 1.0
    print(f"agenda marker moved in the browser after {elapsed * 1000:.0f} ms")


async def _move_start(event_id: int, by: timedelta) -> None:
    """Shift the event's times (saved, as /admin would) so the site is in another phase."""
    event = await Event.get(id=event_id)
    event.starts_at, event.ends_at = event.starts_at + by, event.ends_at + by
    event.participation_opens_at = event.starts_at
    await event.save()


def test_home_page_follows_the_stage_and_loads_no_third_party_before_a_click(live_app, page) -> None:
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live_app.url) and not request.url.startswith("data:") else None)
    page.route("**youtube**", lambda route: route.abort())  # never leave the machine in a test
    programme = live_app.call(load_programme())
    page.goto(live_app.url)
    connected(page)
    page.get_by_text(programme.items[1].title).first.wait_for(timeout=5000)
    assert outside == []
    event = live_app.call(current_event())
    live_app.call(set_current_agenda_item(event.id, programme.items[2].id))
    page.get_by_text(programme.items[2].title).first.wait_for(timeout=1000)
    # while live the player is on the live page; before the conference the home page has it
    live_app.call(_move_start(event.id, timedelta(days=2)))
    page.goto(live_app.url)
    connected(page)
    assert outside == []
    page.get_by_role("button", name="Livestream laden").click()
    frame = page.locator("iframe")
    frame.wait_for(timeout=2000)
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/Stadtkonf01"
