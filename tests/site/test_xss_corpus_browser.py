"""Every participant text field in real Chromium: the whole XSS corpus comes back as the same
characters on every page that shows it, creates no element, and opens no dialog."""

from __future__ import annotations

from features.agenda.service import current_event
from features.contributions.service import list_contributions
from features.moderation.service import set_highlight, set_screen_mode
from features.staff.service import create_account
from models.event import ScreenMode
from models.result import Result
from tests.support.browser import connected
from tests.support.xss import XSS_CORPUS, XSS_SHORT

ATTACK = "\n".join(XSS_CORPUS)
INJECTED = "script, iframe, svg, img, style, a[href^='javascript'], b"
# What the corpus would leave in a page that rendered it: checked on the whole document.
TRACES = "[onerror], [onload], iframe, img[src='x'], a[href^='javascript'], b"


def watch_dialogs(*tabs) -> list[str]:
    dialogs: list[str] = []
    for tab in tabs:
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def ready(tab) -> None:
    connected(tab)


async def first_result_id() -> int:
    return (await Result.get(title="Der Wall als Boulevard")).id


async def newest_post_id() -> int:
    event = await current_event()
    return (await list_contributions(event.id, limit=1))[0].id


def test_wall_post_and_nickname_stay_text_on_the_wall_and_the_hall_screen(live_app, page, new_tab) -> None:
    reader, screen = new_tab(), new_tab(1920, 1080)
    dialogs = watch_dialogs(page, reader, screen)
    for tab, path in ((page, "/wall"), (reader, "/wall"), (screen, "/screen")):
        tab.goto(live_app.url + path)
        ready(tab)
    page.get_by_label("Name oder Spitzname (freiwillig)").fill(XSS_SHORT)
    page.get_by_label("Ihr Beitrag").fill(ATTACK)
    page.get_by_role("button", name="Absenden").click()
    card = reader.locator("li.sg-card", has_text="alert(1)")
    card.wait_for(timeout=3000)
    assert card.locator(".sg-text").inner_text() == ATTACK
    assert card.get_by_text(XSS_SHORT, exact=True).count() == 1
    assert card.locator(INJECTED).count() == 0
    event = live_app.call(current_event())
    live_app.call(set_highlight(event.id, live_app.call(newest_post_id())))
    live_app.call(_screen_shows_highlight(event.id))
    screen.get_by_text("alert(1)", exact=False).first.wait_for(timeout=3000)
    assert screen.locator(TRACES).count() == 0
    reader.wait_for_timeout(300)
    assert dialogs == []


async def _screen_shows_highlight(event_id: int) -> None:
    moderator = await create_account("Mira", "richtig-geheim-42")
    await set_screen_mode(moderator, event_id, ScreenMode.HIGHLIGHT)


def test_comment_reply_and_proposal_stay_text_on_the_result_page(live_app, page, new_tab) -> None:
    reader = new_tab(360, 740)
    dialogs = watch_dialogs(page, reader)
    result_id = live_app.call(first_result_id())
    for tab in (page, reader):
        tab.goto(f"{live_app.url}/results/{result_id}")
        ready(tab)
    page.get_by_label("Ihr Kommentar").fill(ATTACK)
    page.get_by_label("Name oder Spitzname (freiwillig)").first.fill(XSS_SHORT)
    page.get_by_role("button", name="Kommentieren").click()
    comment = reader.locator("li.sg-card", has_text="alert(1)")
    comment.wait_for(timeout=3000)
    assert comment.locator(".sg-text").first.inner_text() == ATTACK
    assert comment.locator(INJECTED).count() == 0
    page.locator("li.sg-card", has_text="alert(1)").get_by_role("button", name="Antworten").click()
    page.get_by_label("Ihre Antwort").fill(XSS_CORPUS[2])
    page.get_by_role("button", name="Antwort senden").click()
    reader.get_by_text(XSS_CORPUS[2], exact=True).wait_for(timeout=3000)
    page.get_by_label("Titel Ihres Vorschlags").fill(XSS_SHORT)
    page.get_by_label("Was soll ergänzt oder geändert werden?").fill(ATTACK)
    page.get_by_role("button", name="Vorschlag senden").click()
    proposal = reader.locator("li.sg-card", has_text=XSS_SHORT).filter(has_text="alert(5)")
    proposal.last.wait_for(timeout=3000)
    assert reader.locator(TRACES).count() == 0 and page.locator(TRACES).count() == 0
    reader.wait_for_timeout(300)
    assert dialogs == []
