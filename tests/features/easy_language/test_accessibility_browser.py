"""axe-core on `/leichte-sprache` in real Chromium, in German and English, with the built-in text
and with an organiser's text that has no English version (German inside an English page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from models.event import Event
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still


async def _write_german_only() -> None:
    await Event.all().update(easy_language_text="Das ist ein Treffen.\n\nSie können mitmachen.")


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_easy_language_page_passes_axe(live_app, new_tab, language) -> None:
    tab = new_tab(390, 844)
    tab.goto(f"{live_app.url}/lang/{language}?next=/leichte-sprache")
    connected(tab)
    expect(tab.locator("h1")).to_have_text("In Leichter Sprache" if language == "de" else "In easy-read language")
    wait_until_still(tab)
    assert serious_violations(tab) == []
    live_app.call(_write_german_only())
    tab.reload()
    connected(tab)
    expect(tab.get_by_text("Sie können mitmachen.")).to_be_visible()
    if language == "en":
        expect(tab.locator("p[lang=de]", has_text="Sie können mitmachen.")).to_have_count(1)
    wait_until_still(tab)
    assert serious_violations(tab) == []
