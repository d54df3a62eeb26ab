"""The open poll in real Chromium, by keyboard alone (Tab, arrows, Space, Enter: no click, no fill,
no focus()): answer it, change the order of a ranking, and see the result; axe-core finds nothing
on /wall with an open poll of each kind, nor with a closed one, in German and in English."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from features.polls.service import close_poll, open_poll
from models.event import Event
from models.poll import Poll, PollKind
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still
from tests.support.factories import organiser

SAVED = "Ihre Antwort ist gespeichert. Sie können sie bis zum Ende der Umfrage ändern."
TAB_LIMIT = 60
CLOSED = {"de": "Die Umfrage ist geschlossen.", "en": "The poll is closed."}


def tab_to(tab: Any, target: Any) -> None:
    """Press Tab until `target` has focus."""
    expect(target).to_be_attached()
    for _ in range(TAB_LIMIT):
        if target.evaluate("(element) => element === document.activeElement"):
            return
        tab.keyboard.press("Tab")
    pytest.fail(f"{target} got no focus after {TAB_LIMIT} presses of Tab")


async def poll_of_kind(kind: PollKind) -> Poll:
    event = await Event.first()
    return await Poll.get(event_id=event.id, kind=kind).prefetch_related("options")


async def open_and_return(kind: PollKind) -> Poll:
    poll = await poll_of_kind(kind)
    await open_poll(await organiser(), poll.id)
    return poll


async def close(poll_id: int) -> None:
    await close_poll(await organiser(), poll_id)


def open_wall(tab: Any, url: str, path: str = "/wall") -> None:
    tab.goto(url + path)
    connected(tab)
    tab.get_by_role("button", name="Antwort senden").wait_for()


def test_the_open_poll_is_answered_by_keyboard_and_the_result_shows(live_app, page) -> None:
    open_wall(page, live_app.url, "/live")
    poll = page.get_by_role("group", name="Welches Thema ist Ihnen für die Stadtstrategie am wichtigsten?")
    first = poll.get_by_role("radio", name="Wohnen")
    tab_to(page, first)
    page.keyboard.press("ArrowDown")  # the radio group: arrows choose
    expect(poll.get_by_role("radio", name="Mobilität")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Antwort senden"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    row = page.locator("table.sg-poll-table tr", has=page.locator("th", has_text="Mobilität"))
    expect(row.locator("td").first).to_have_text("1")
    page.reload()  # the own answer stays checked
    connected(page)
    expect(page.get_by_role("radio", name="Mobilität")).to_be_checked()


def test_a_ranking_is_reordered_by_keyboard_and_its_result_shows_after_closing(live_app, page) -> None:
    ranking = live_app.call(open_and_return(PollKind.RANKING))
    open_wall(page, live_app.url)
    expect(page.get_by_text("Das Ergebnis erscheint hier, sobald die Umfrage geschlossen ist.")).to_be_visible()
    last = ranking.options[-1].label  # "Lebendige Innenstadt" to the top: three times "nach oben"
    tab_to(page, page.get_by_role("button", name=f"{last} nach oben"))
    for _ in range(3):
        page.keyboard.press("Enter")
    items = page.locator("ol li")
    expect(items.first).to_contain_text(last)
    expect(page.locator(".sg-poll-moved")).to_have_text(f"{last}: jetzt Platz 1 von 4")
    tab_to(page, page.get_by_role("button", name="Antwort senden"))
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    live_app.call(close(ranking.id))
    expect(page.get_by_text("Die Umfrage ist geschlossen.")).to_be_visible()
    first_row = page.locator("table.sg-poll-table tbody tr").first
    expect(first_row.locator("th")).to_have_text(last)
    expect(first_row.locator("td")).to_have_text("4")


def test_multiple_choice_stops_at_the_maximum_in_the_browser(live_app, page) -> None:
    live_app.call(open_and_return(PollKind.MULTIPLE))
    open_wall(page, live_app.url)
    boxes = page.get_by_role("checkbox")
    tab_to(page, boxes.nth(0))
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # a third tick: taken back, and said
    expect(boxes.nth(2)).not_to_be_checked()
    expect(page.get_by_role("status").filter(has_text="Bitte wählen Sie höchstens 2.")).to_be_visible()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).to_be_checked()


@pytest.mark.parametrize("language", ["de", "en"])
def test_wall_with_an_open_poll_of_each_kind_passes_axe(live_app, new_tab, language) -> None:
    tab = new_tab(390, 900)
    tab.goto(f"{live_app.url}/lang/{language}?next=/")
    found: dict[str, list[str]] = {}
    for kind in PollKind:
        live_app.call(open_and_return(kind))
        tab.goto(f"{live_app.url}/wall")
        connected(tab)
        tab.locator("[type=submit]").first.wait_for()
        wait_until_still(tab)
        if violations := serious_violations(tab):
            found[kind.value] = violations
        if kind in (PollKind.SINGLE, PollKind.RANKING):  # results live / results after closing
            poll = live_app.call(poll_of_kind(kind))
            live_app.call(close(poll.id))
            tab.goto(f"{live_app.url}/wall")
            connected(tab)
            tab.get_by_text(CLOSED[language]).wait_for()
            wait_until_still(tab)
            if violations := serious_violations(tab):
                found[f"{kind.value} closed"] = violations
    assert found == {}, "\n".join(f"{kind}: {violation}" for kind, items in found.items() for violation in items)
