"""Deleting one's own post in real Chromium: by keyboard alone, with a confirmation step, and it
disappears from a second tab without a reload."""

from __future__ import annotations

import pytest

from tests.support.browser import connected

CARD = "li.sg-card"


@pytest.fixture
def second_tab(new_tab):
    return new_tab()


def open_wall(tab, url: str) -> None:
    tab.goto(f"{url}/wall")
    connected(tab)
    tab.get_by_role("button", name="Absenden").wait_for()


def focused(tab) -> str:
    return tab.evaluate("document.activeElement ? document.activeElement.textContent.trim() : ''")


def test_the_author_deletes_a_post_with_the_keyboard_and_it_leaves_the_other_tab(
    live_app, page, second_tab
) -> None:
    open_wall(page, live_app.url)
    open_wall(second_tab, live_app.url)
    second_tab.evaluate("window.__sameDocument = true")
    page.get_by_label("Ihr Beitrag").fill("Das möchte ich wieder löschen")
    page.get_by_role("button", name="Absenden").click()
    mine = page.locator(CARD, has_text="Das möchte ich wieder löschen")
    mine.wait_for(timeout=2000)
    theirs = second_tab.locator(CARD, has_text="Das möchte ich wieder löschen")
    theirs.wait_for(timeout=2000)
    assert theirs.get_by_role("button", name="Löschen").count() == 0  # only the author's browser has it

    # from the post's card (one's own has no support button), Tab reaches "Löschen"
    mine.focus()
    for _ in range(4):
        if focused(page) == "Löschen":
            break
        page.keyboard.press("Tab")
    assert focused(page) == "Löschen"
    page.keyboard.press("Enter")  # asks first, and the focus moves to the confirmation
    assert page.get_by_text("Diesen Beitrag endgültig löschen?").is_visible()
    page.wait_for_function("document.activeElement && document.activeElement.textContent.trim() === 'Ja, löschen'")
    page.keyboard.press("Escape")  # changed one's mind: back on "Löschen", nothing deleted
    page.wait_for_function("document.activeElement && document.activeElement.textContent.trim() === 'Löschen'")
    assert theirs.count() == 1
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.textContent.trim() === 'Ja, löschen'")
    page.keyboard.press("Enter")

    page.get_by_text("Ihr Beitrag wurde gelöscht.").wait_for(timeout=2000)
    mine.wait_for(state="detached", timeout=2000)
    theirs.wait_for(state="detached", timeout=2000)
    assert second_tab.evaluate("window.__sameDocument") is True  # live, not by a reload
    # the keyboard user is not left on a vanished button: the focus is on the list
    assert page.evaluate("document.activeElement.classList.contains('sg-list')")
