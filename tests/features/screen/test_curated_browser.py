"""The curated hall screen in a real Chromium: a long post in focus shrinks to fit 1920×1080 and
1280×720 instead of being cut, the pause shows its text and the QR code without the stage line,
"highlight" without a highlight shows the wall, support counts on request, and the console's
preview is the live screen: a mode change reaches it at once."""

from __future__ import annotations

import pytest

from features.contributions.service import post_contribution
from features.moderation.service import set_highlight, set_screen_mode
from features.screen import service as screen
from features.staff.service import create_account
from models.event import ScreenMode
from models.staff import Role
from settings import get_settings
from tests.support.browser import connected, wait_until_still
from tests.support.factories import organiser
from tests.support.staff import PASSWORD, sign_in_tab

from .test_screen_browser import SIZES, event_id, open_screen

WORDS = "Die Nordstadt braucht mehr Grün, sichere Radwege zur Schule und Bänke an der Haltestelle. "

FITS = """() => {
    const root = document.documentElement;
    const box = document.querySelector('.sg-screen-highlight');
    const text = box.querySelector('.sg-screen-highlight-text');
    const boxRect = box.getBoundingClientRect(), textRect = text.getBoundingClientRect();
    return {doc: [root.scrollHeight, root.clientHeight, root.scrollWidth, root.clientWidth],
            box: [box.scrollHeight, box.clientHeight], text: [text.scrollHeight, text.clientHeight],
            textBottom: textRect.bottom, boxBottom: boxRect.bottom, height: window.innerHeight,
            size: parseFloat(getComputedStyle(text).fontSize), shown: text.textContent};
}"""


@pytest.fixture
def projector(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080})
    tab = context.new_page()
    yield tab
    context.close()


def staff(live_app):
    return live_app.call(organiser("Orga"))


@pytest.mark.parametrize("mode", [ScreenMode.WALL, ScreenMode.HIGHLIGHT])
def test_a_long_focus_post_shrinks_to_fit_and_is_never_cut(live_app, projector, mode) -> None:
    pk = event_id(live_app)
    longest = (WORDS * 40)[: get_settings().max_post_length].strip()
    live_app.call(post_contribution(pk, "screen-other", "Ein anderer Beitrag"))
    chosen = live_app.call(post_contribution(pk, "screen-long", longest))
    live_app.call(set_highlight(pk, chosen.id))
    live_app.call(set_screen_mode(staff(live_app), pk, mode))
    for width, height in SIZES:
        projector.set_viewport_size({"width": width, "height": height})
        open_screen_page(projector, live_app.url)
        projector.locator(".sg-screen-highlight[data-fitted]").wait_for()
        wait_until_still(projector)
        projector.wait_for_function("""() => {  // fitted for this size (a resize fits again)
            const box = document.querySelector('.sg-screen-highlight');
            return box.scrollHeight <= box.clientHeight + 1;
        }""")
        fits = projector.evaluate(FITS)
        assert fits["doc"][0] <= fits["doc"][1] and fits["doc"][2] <= fits["doc"][3], (width, fits)
        assert fits["box"][0] <= fits["box"][1] + 1, (width, fits)  # nothing of the box is cut
        assert fits["text"][0] <= fits["text"][1] + 1, (width, fits)  # nor of the text
        assert fits["textBottom"] <= fits["boxBottom"] + 1 and fits["boxBottom"] <= fits["height"], (width, fits)
        assert fits["shown"] == longest  # the full text, no "…"
        assert fits["size"] >= 12, (width, fits)
        if mode == ScreenMode.WALL:
            # the post in focus is not repeated in the list below it
            assert projector.locator("li.sg-screen-card", has_text=longest[:40]).count() == 0
            projector.locator("li.sg-screen-card", has_text="Ein anderer Beitrag").wait_for()


def test_a_short_focus_post_keeps_its_large_type(live_app, projector) -> None:
    pk = event_id(live_app)
    chosen = live_app.call(post_contribution(pk, "screen-short", "Wann kommt die Ampel?"))
    live_app.call(set_highlight(pk, chosen.id))
    open_screen(projector, live_app.url)
    projector.locator(".sg-screen-highlight[data-fitted]").wait_for()
    assert projector.evaluate(FITS)["size"] >= 50


def test_the_pause_shows_its_text_and_the_qr_code_but_no_stage_line(live_app, projector) -> None:
    pk = event_id(live_app)
    orga = staff(live_app)
    live_app.call(screen.set_pause_text(orga, pk, "Mittagspause – weiter um 13:00"))
    live_app.call(set_screen_mode(orga, pk, ScreenMode.PAUSE))
    for width, height in SIZES:
        projector.set_viewport_size({"width": width, "height": height})
        open_screen_page(projector, live_app.url)
        projector.locator(".sg-screen.sg-mode-pause").wait_for()
        projector.get_by_text("Mittagspause – weiter um 13:00").wait_for(state="visible")
        assert projector.locator(".sg-screen-stage").is_hidden()
        assert not projector.get_by_text("Jetzt auf der Bühne", exact=False).is_visible()
        qr = projector.locator(".sg-screen-qr")
        qr.wait_for(state="visible")
        box = qr.bounding_box()
        assert box["width"] >= 150 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width
        sizes = projector.evaluate("[document.documentElement.scrollHeight, document.documentElement.clientHeight]")
        assert sizes[0] <= sizes[1]


def open_screen_page(tab, url: str) -> None:
    tab.goto(f"{url}/screen")
    connected(tab)


def test_highlight_mode_with_nothing_highlighted_shows_the_wall(live_app, projector) -> None:
    pk = event_id(live_app)
    live_app.call(post_contribution(pk, "screen-w", "Ein Beitrag für die Wand"))
    live_app.call(set_screen_mode(staff(live_app), pk, ScreenMode.HIGHLIGHT))
    open_screen(projector, live_app.url)
    projector.locator("li.sg-screen-card", has_text="Ein Beitrag für die Wand").wait_for(state="visible")


def test_support_counts_show_on_screen_cards_only_when_switched_on(live_app, projector) -> None:
    pk = event_id(live_app)
    live_app.call(post_contribution(pk, "screen-s", "Mehr Bäume"))
    open_screen(projector, live_app.url)
    votes = projector.locator("li.sg-screen-card .sg-screen-votes")
    votes.wait_for(state="attached")
    assert votes.is_hidden()
    live_app.call(screen.set_screen_support(staff(live_app), pk, True))
    votes.wait_for(state="visible", timeout=1000)
    assert votes.inner_text() == "Unterstützt von 0"


def test_the_console_preview_is_the_live_screen_and_follows_a_mode_change_at_once(live_app, new_tab) -> None:
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    tab = new_tab(1024, 768)
    sign_in_tab(tab, live_app.url, "Mira")
    frame = tab.frame_locator(".sg-screen-preview iframe")
    frame.locator(".sg-screen.sg-mode-wall").wait_for()
    tab.get_by_role("button", name="Nur QR-Code").click()
    frame.locator(".sg-screen.sg-mode-qr").wait_for(timeout=1000)
    tab.get_by_text("Die Leinwand zeigt nur den QR-Code.").wait_for(timeout=1000)
    box = tab.locator(".sg-screen-preview").bounding_box()
    assert box["width"] <= 480 and box["x"] + box["width"] <= 1024
