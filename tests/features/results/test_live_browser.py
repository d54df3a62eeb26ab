"""A result's page in real Chromium: a comment typed in one tab appears in another without reload,
as text; the picture opens large with its alt text."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from models.contribution import Contribution
from models.result import Result
from tests.support.browser import connected, drop_connection, restore_connection

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


async def count_contributions(text: str) -> int:
    return await Contribution.filter(text=text).count()


def test_a_comment_written_while_offline_is_kept_waits_and_is_stored_once_when_back(
    live_app, page, second_tab
) -> None:
    result_id = live_app.call(first_result_id())
    open_result(page, live_app.url, result_id)
    open_result(second_tab, live_app.url, result_id)
    text = "Geschrieben im Funkloch am Wall"
    drop_connection(page)
    page.get_by_label("Ihr Kommentar").fill(text)
    page.get_by_role("button", name="Kommentieren").click()
    page.get_by_role("button", name="Kommentieren").click()  # impatient: still one contribution
    page.get_by_text("Keine Verbindung. Ihr Beitrag bleibt hier stehen").wait_for(timeout=2000)
    assert page.get_by_label("Ihr Kommentar").input_value() == text
    assert text in page.evaluate(f"localStorage.getItem('stadtgespraech-result-{result_id}-comments')")
    assert live_app.call(count_contributions(text)) == 0
    restore_connection(page)
    second_tab.locator(CARD, has_text=text).wait_for(timeout=5000)
    page.get_by_text("Danke! Ihr Beitrag ist veröffentlicht.").wait_for(timeout=3000)
    assert page.get_by_label("Ihr Kommentar").input_value() == ""
    assert live_app.call(count_contributions(text)) == 1
    assert second_tab.locator(CARD, has_text=text).count() == 1


class LossyLink:
    """The tab's socket through a proxy that can lose what the browser sends (socket.io event
    frames; engine.io's pings still pass, so the connection looks alive), as a dying mobile link
    does. `restore` lets everything through again and drops the socket once: the browser
    reconnects."""

    def __init__(self, tab: Any) -> None:
        self.losing = False
        self.sockets: list[Any] = []
        tab.route_web_socket(re.compile(r".*/socket\.io/.*"), self._proxy)

    def _proxy(self, socket: Any) -> None:
        server = socket.connect_to_server()
        socket.on_message(lambda message: self._from_browser(server, message))
        server.on_message(socket.send)
        self.sockets.append(socket)

    def _from_browser(self, server: Any, message: str | bytes) -> None:
        if not (self.losing and isinstance(message, str) and message.startswith("42")):
            server.send(message)

    def restore(self) -> None:
        self.losing = False
        self.sockets[-1].close()


def test_a_comment_sent_into_a_dying_connection_waits_and_is_stored_once_when_back(live_app, page) -> None:
    """The send is lost on the way and no answer comes: the form must keep the comment, say it
    waits, and send it again (same client key) once the connection is back, as the wall's form
    does; the server stores it once."""
    link = LossyLink(page)
    result_id = live_app.call(first_result_id())
    open_result(page, live_app.url, result_id)
    text = "In eine sterbende Verbindung geschrieben"
    link.losing = True
    page.get_by_label("Ihr Kommentar").fill(text)
    page.get_by_role("button", name="Kommentieren").click()
    page.get_by_text("Keine Verbindung. Ihr Beitrag bleibt hier stehen").wait_for(timeout=15000)
    assert page.get_by_label("Ihr Kommentar").input_value() == text
    assert text in page.evaluate(f"localStorage.getItem('stadtgespraech-result-{result_id}-comments')")
    assert live_app.call(count_contributions(text)) == 0
    link.restore()
    page.get_by_text("Danke! Ihr Beitrag ist veröffentlicht.").wait_for(timeout=10000)
    assert page.get_by_label("Ihr Kommentar").input_value() == ""
    assert page.evaluate(f"localStorage.getItem('stadtgespraech-result-{result_id}-comments')") is None
    page.locator(CARD, has_text=text).wait_for(timeout=3000)
    assert live_app.call(count_contributions(text)) == 1
    assert page.locator(CARD, has_text=text).count() == 1
