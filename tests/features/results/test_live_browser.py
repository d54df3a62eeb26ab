"""A result's page in real Chromium: a comment typed in one tab appears in another without reload,
as text; the picture opens large with its alt text."""

from __future__ import annotations

import time

import pytest

from models.result import Result
from tests.support.browser import connected

CARD = "li.sg-card"


@pytest.fixture
def second_tab(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 740})
    tab = context.new_page()
    yield tab
    context.close()


async def first_result_id() -> int:
    return (await Result.get(title="Der Wall als Boulevard")).id


def open_result(tab, url: str, result_id: int) -> None:
    tab.goto(f"{url}/results/{result_id}")
    connected(tab)
    tab.get_by_role("button", name="Kommentieren").wait_for()


def test_comment_typed_in_one_tab_appears_on_a_second_open_result_page(live_app, page, second_tab) -> None:
    result_id = live_app.call(first_result_id())
    open_result(page, live_app.url, result_id)
    open_result(second_tab, live_app.url, result_id)
    second_tab.evaluate("window.__sameDocument = true")
    text = "<b>Mehr Bäume</b> am Wall, bitte"
    page.get_by_label("Ihr Kommentar").fill(text)
    started = time.monotonic()
    page.get_by_role("button", name="Kommentieren").click()
    card = second_tab.locator(CARD, has_text="am Wall, bitte")
    card.wait_for(timeout=1000)
    elapsed = time.monotonic() - started
    assert second_tab.evaluate("window.__sameDocument") is True
    assert card.locator(".sg-text").inner_text() == text and card.locator("b").count() == 0
    page.get_by_text("Danke! Ihr Beitrag ist veröffentlicht.").wait_for(timeout=1000)
    assert page.get_by_label("Ihr Kommentar").input_value() == ""
    print(f"comment to display on a second tab: {elapsed * 1000:.0f} ms")


def test_the_picture_opens_large_with_its_alt_text(live_app, page) -> None:
    result_id = live_app.call(first_result_id())
    open_result(page, live_app.url, result_id)
    page.get_by_role("button", name="Bild vergrößern").first.click()
    full = page.locator(".q-dialog img")
    full.wait_for(timeout=2000)
    assert "Stadtbahn" in full.get_attribute("alt")
    assert page.evaluate("document.querySelector('.q-dialog img').naturalWidth") > 0
