"""`/live` in real Chromium, on a 390 px phone and at 1366 px: nothing from another host before the
viewer's click, the player sticky and collapsible by keyboard on the phone, wall beside the player
on a wide screen, the DGS stream as picture-in-picture or side by side, posts from this tab and
another one arriving while the player stays, axe-core clean in German and English.

Every request to another host is recorded and answered by the test (Playwright's `route`): the
test sees exactly what would have left for a third party, and nothing reaches the internet.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from features.agenda.service import current_event
from features.contributions.service import post_contribution
from models.event import Event
from tests.support.accessibility import OVERFLOW, serious_violations
from tests.support.browser import connected, wait_until_still

CARD = "li.sg-card"
PLAYER = ".sg-live-player"
MAIN_FRAME = ".sg-stream-stage > .sg-stream-box:first-child iframe"
DGS_FRAME = ".sg-stream-dgs iframe"
DGS_URL = "https://www.youtube.com/watch?v=DgsStream01"
STUB = ('<!doctype html><html lang="de"><head><title>Stream</title></head>'
        '<body style="background:#000"><main><p style="color:#fff">Stream</p></main></body></html>')


class Outside:
    """Every request this browser context sends to a host other than the app's, answered here."""

    def __init__(self, context: Any, app_url: str) -> None:
        self.app_host = urlparse(app_url).netloc
        self.urls: list[str] = []
        context.route(lambda url: urlparse(url).netloc != self.app_host, self._answer)

    def _answer(self, route: Any) -> None:
        self.urls.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB)


def watching(new_tab: Any, live_app: Any, width: int, height: int) -> tuple[Any, Outside]:
    tab = new_tab(width, height)
    return tab, Outside(tab.context, live_app.url)


def open_live(tab: Any, url: str) -> None:
    tab.goto(f"{url}/live")
    connected(tab)
    tab.get_by_role("button", name="Absenden").wait_for()
    tab.get_by_role("button", name="Livestream laden").wait_for()
    wait_until_still(tab)


def load_stream(tab: Any) -> None:
    with tab.expect_request(lambda request: "youtube-nocookie.com/embed/Stadtkonf01" in request.url):
        tab.get_by_role("button", name="Livestream laden").click()
    tab.locator(MAIN_FRAME).wait_for(state="attached")
    tab.evaluate(f"window.__player = document.querySelector({MAIN_FRAME!r})")


def player_is_the_same(tab: Any) -> bool:
    return tab.evaluate(f"window.__player?.isConnected && document.querySelector({MAIN_FRAME!r}) === window.__player")


def write(tab: Any, text: str) -> None:
    tab.get_by_label("Ihr Beitrag").fill(text)
    tab.get_by_role("button", name="Absenden").click()


def box(tab: Any, selector: str) -> dict[str, float]:
    return tab.locator(selector).first.bounding_box()


def axe_in_both_languages(tab: Any, url: str) -> dict[str, list[str]]:
    found = {}
    if violations := serious_violations(tab):
        found["de"] = violations
    tab.goto(f"{url}/lang/en?next=/live")
    connected(tab)
    tab.get_by_role("button", name="Load livestream").click()
    tab.locator(MAIN_FRAME).wait_for(state="attached")
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["en"] = violations
    return found


def seed_posts(live_app: Any, count: int) -> None:
    event = live_app.call(current_event())
    for number in range(count):
        live_app.call(post_contribution(event.id, f"viewer-{number}", f"Beitrag Nummer {number} " + "lang " * 30))


async def _set_sign_language(url: str) -> None:
    event = await Event.first()
    assert event is not None
    event.sign_language_url = url
    await event.save()



def show_held_posts(tab: Any) -> None:
    """Another person's post arrives while the viewer writes: it waits behind the new-posts pill,
    which shows it."""
    pill = tab.get_by_role("button", name="1 neuer Beitrag")
    pill.wait_for(timeout=3000)
    pill.click()


def test_on_a_phone_the_player_sticks_collapses_and_stays_while_posts_come(live_app, new_tab) -> None:
    seed_posts(live_app, 12)
    tab, outside = watching(new_tab, live_app, 390, 844)
    open_live(tab, live_app.url)
    tab.locator(CARD, has_text="Beitrag Nummer 11").wait_for()
    assert outside.urls == []  # nothing for a third party before the click
    assert tab.evaluate(OVERFLOW) <= 0
    load_stream(tab)
    assert any(url.startswith("https://www.youtube-nocookie.com/embed/Stadtkonf01") for url in outside.urls)

    tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    tab.wait_for_function(f"""() => window.scrollY > 600
        && Math.abs(document.querySelector('{PLAYER}').getBoundingClientRect().top) < 1""")
    assert tab.locator(MAIN_FRAME).is_visible()
    assert box(tab, PLAYER)["width"] <= 390

    toggle = tab.get_by_role("button", name="Video verkleinern")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.focus()
    tab.keyboard.press("Enter")
    collapsed = tab.get_by_role("button", name="Video einblenden")
    expect(collapsed).to_have_attribute("aria-expanded", "false")
    expect(tab.locator(MAIN_FRAME)).to_be_hidden()
    assert box(tab, PLAYER)["height"] < 100  # a small bar, the wall has the screen
    tab.wait_for_function(f"() => Math.abs(document.querySelector('{PLAYER}').getBoundingClientRect().top) < 1")
    assert player_is_the_same(tab)  # hidden, not removed: the stream goes on
    expect(collapsed).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("button", name="Video verkleinern")).to_have_attribute("aria-expanded", "true")
    expect(tab.locator(MAIN_FRAME)).to_be_visible()

    # the form lies above, under the sticky player: focusing it scrolls it clear of the player
    tab.get_by_label("Ihr Beitrag").focus()
    tab.wait_for_function(f"""() => document.querySelector('textarea').getBoundingClientRect().top
        >= document.querySelector('{PLAYER}').getBoundingClientRect().bottom - 1""")

    write(tab, "Vom Handy, mit Video")
    tab.locator(CARD, has_text="Vom Handy, mit Video").wait_for(timeout=3000)
    other, _ = watching(new_tab, live_app, 390, 844)
    open_live(other, live_app.url)
    write(other, "Aus dem zweiten Browser")
    # the viewer's focus is still in the form (writing): the post waits behind the pill
    show_held_posts(tab)
    tab.locator(CARD, has_text="Aus dem zweiten Browser").wait_for(timeout=3000)
    assert player_is_the_same(tab)
    assert tab.locator(MAIN_FRAME).is_visible()
    wait_until_still(tab)
    assert axe_in_both_languages(tab, live_app.url) == {}


def test_on_a_wide_screen_the_wall_sits_beside_the_player_with_the_sign_language_stream(live_app, new_tab) -> None:
    live_app.call(_set_sign_language(DGS_URL))
    tab, outside = watching(new_tab, live_app, 1366, 768)
    open_live(tab, live_app.url)
    assert outside.urls == []
    player, wall = box(tab, PLAYER), box(tab, ".sg-live-wall")
    assert wall["x"] >= player["x"] + player["width"] - 1  # beside, not below
    assert abs(wall["y"] - player["y"]) < 2 and player["width"] > wall["width"] > 300
    form, posts = box(tab, "form"), box(tab, "section[aria-labelledby=list-heading]")
    assert posts["y"] >= form["y"] + form["height"] - 1  # in the narrow column the form sits above the list

    expect(tab.get_by_role("switch", name="Gebärdensprache (DGS) einblenden")).to_have_count(0)
    load_stream(tab)
    switch = tab.get_by_role("switch", name="Gebärdensprache (DGS) einblenden")
    switch.wait_for()
    assert not any("DgsStream01" in url for url in outside.urls)  # the second stream waits for its own click
    with tab.expect_request(lambda request: "youtube-nocookie.com/embed/DgsStream01" in request.url):
        switch.click()
    tab.locator(DGS_FRAME).wait_for(state="attached")
    assert any(url.startswith("https://www.youtube-nocookie.com/embed/DgsStream01") for url in outside.urls)
    wait_until_still(tab)
    main, dgs = box(tab, MAIN_FRAME), box(tab, DGS_FRAME)
    assert dgs["width"] < main["width"] / 2  # picture-in-picture: small, in the player's corner
    assert main["x"] <= dgs["x"] and dgs["x"] + dgs["width"] <= main["x"] + main["width"] + 1
    assert main["y"] <= dgs["y"] and dgs["y"] + dgs["height"] <= main["y"] + main["height"] + 1

    tab.get_by_role("radio", name="Nebeneinander").click()
    tab.wait_for_function("() => localStorage.getItem('sg-dgs-layout') === 'side'")
    tab.wait_for_function(f"""() => document.querySelector('{DGS_FRAME}').getBoundingClientRect().left
        >= document.querySelector('{MAIN_FRAME}').getBoundingClientRect().right""")
    main, dgs = box(tab, MAIN_FRAME), box(tab, DGS_FRAME)
    assert abs(main["width"] - dgs["width"]) < 2 and abs(main["y"] - dgs["y"]) < 2

    write(tab, "Vom großen Bildschirm")
    tab.locator(CARD, has_text="Vom großen Bildschirm").wait_for(timeout=3000)
    other, _ = watching(new_tab, live_app, 1366, 768)
    open_live(other, live_app.url)
    write(other, "Aus dem zweiten Fenster")
    # the viewer's focus is still in the form (writing): the post waits behind the pill
    show_held_posts(tab)
    tab.locator(CARD, has_text="Aus dem zweiten Fenster").wait_for(timeout=3000)
    assert player_is_the_same(tab) and tab.locator(DGS_FRAME).count() == 1
    wait_until_still(tab)
    if violations := serious_violations(tab):
        pytest.fail("\n".join(violations))

    # the choice is remembered in this browser: next time the DGS stream comes side by side
    open_live(tab, live_app.url)
    load_stream(tab)
    tab.get_by_role("switch", name="Gebärdensprache (DGS) einblenden").click()
    tab.locator(DGS_FRAME).wait_for(state="attached")
    expect(tab.get_by_role("radio", name="Nebeneinander")).to_have_attribute("aria-checked", "true")
    tab.wait_for_function(f"""() => document.querySelector('{DGS_FRAME}').getBoundingClientRect().left
        >= document.querySelector('{MAIN_FRAME}').getBoundingClientRect().right""")
    assert axe_in_both_languages(tab, live_app.url) == {}
