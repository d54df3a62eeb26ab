"""Moderation in real Chromium: a moderator signs in through the form, hides a post, and it leaves
a participant's open /wall and the hall's /screen in other browsers without a reload; markup in
a waiting post stays text in the queue; the screen follows the chosen mode."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from features.agenda.service import current_event
from features.contributions.service import post_contribution
from features.staff.service import create_account
from models.contribution import Contribution, Status
from models.event import Event, ModerationMode
from models.staff import Role

PASSWORD = "richtig-geheim-42"
CARD = "li.sg-card"
MODERATION_CARD = "li.sg-mod-card"


def connected(tab) -> None:
    tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")


def sign_in(tab, url: str, name: str) -> None:
    tab.goto(f"{url}/moderation")
    tab.get_by_role("button", name="Anmelden").wait_for()  # anonymous: sent to the sign-in page
    assert tab.url.endswith("/login?next=/moderation")
    tab.get_by_label("Name").fill(name)
    tab.get_by_label("Passwort").fill(PASSWORD)
    tab.get_by_role("button", name="Anmelden").click()
    tab.get_by_text(f"Angemeldet als {name}").wait_for()
    assert tab.url.endswith("/moderation")
    connected(tab)


def test_a_post_hidden_in_the_console_leaves_the_open_wall_and_screen(live_app, page, new_tab) -> None:
    event = live_app.call(current_event())
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    hidden = live_app.call(post_contribution(event.id, "participant-a", "Dieser Beitrag verschwindet gleich"))
    live_app.call(post_contribution(event.id, "participant-b", "Dieser bleibt stehen"))
    wall, screen = new_tab(), new_tab(1920, 1080)
    wall.goto(f"{live_app.url}/wall")
    screen.goto(f"{live_app.url}/screen")
    for tab in (wall, screen):
        connected(tab)
        tab.evaluate("window.__sameDocument = true")  # gone if the page reloads
    wall.locator(CARD, has_text="Dieser Beitrag verschwindet gleich").wait_for()
    screen.locator("li.sg-screen-card", has_text="Dieser Beitrag verschwindet gleich").wait_for()

    sign_in(page, live_app.url, "Mira")
    card = page.locator(MODERATION_CARD, has_text="Dieser Beitrag verschwindet gleich")
    started = time.monotonic()
    card.get_by_role("button", name="Ausblenden").click()
    wall.locator(CARD, has_text="Dieser Beitrag verschwindet gleich").wait_for(state="detached", timeout=1000)
    screen.locator("li.sg-screen-card", has_text="Dieser Beitrag verschwindet gleich").wait_for(
        state="detached", timeout=1000
    )
    elapsed = time.monotonic() - started
    assert wall.locator(CARD, has_text="Dieser bleibt stehen").count() == 1
    assert screen.locator("li.sg-screen-card", has_text="Dieser bleibt stehen").count() == 1
    for tab in (wall, screen):
        assert tab.evaluate("window.__sameDocument") is True
    page.get_by_text("Ausgeblendet und abgelehnt").click()  # the folded list of what is off the wall
    page.locator(MODERATION_CARD, has_text="Dieser Beitrag verschwindet gleich").get_by_text(
        "ausgeblendet", exact=True
    ).wait_for(timeout=2000)
    print(f"hide to gone from wall and screen: {elapsed * 1000:.0f} ms (post #{hidden.id})")


async def pre_moderate(event_id: int) -> None:
    await Event.filter(id=event_id).update(moderation_mode=ModerationMode.PRE)


def test_markup_in_a_waiting_post_is_text_in_the_queue(live_app, page) -> None:
    event = live_app.call(current_event())
    live_app.call(pre_moderate(event.id))
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_app.url, "Mira")
    live_app.call(post_contribution(event.id, "participant-x", "<img src=x onerror=alert(1)>"))
    card = page.locator(MODERATION_CARD, has_text="<img src=x onerror=alert(1)>")
    card.wait_for(timeout=2000)  # arrives live in the open queue
    assert card.locator("img").count() == 0
    assert card.locator(".sg-mod-text").inner_text() == "<img src=x onerror=alert(1)>"
    page.wait_for_timeout(300)
    assert dialogs == []  # no script ran


def test_screen_switches_to_the_pause_slide_and_back(live_app, page, new_tab) -> None:
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    screen = new_tab(1920, 1080)
    screen.goto(f"{live_app.url}/screen")
    connected(screen)
    sign_in(page, live_app.url, "Mira")
    assert screen.get_by_text("Gleich geht es weiter.").is_hidden()
    page.get_by_role("button", name="Pause", exact=True).click()
    screen.get_by_text("Gleich geht es weiter.").wait_for(timeout=2000)
    assert screen.locator(".sg-screen-list").is_hidden()
    page.get_by_role("button", name="Nur QR-Code", exact=True).click()
    screen.get_by_text("Gleich geht es weiter.").wait_for(state="hidden", timeout=2000)
    assert screen.locator(".sg-screen-qr").is_visible()
    assert screen.locator(".sg-screen-main").is_hidden()


def test_load_more_brings_the_older_posts_into_the_console(live_app, page) -> None:
    event = live_app.call(current_event())
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    for number in range(102):
        live_app.call(post_contribution(event.id, f"participant-{number}", f"Beitrag Nummer {number}"))
    sign_in(page, live_app.url, "Mira")
    published = page.locator(".sg-mod-list").nth(1)
    published.locator(MODERATION_CARD).nth(99).wait_for()
    assert published.locator(MODERATION_CARD).count() == 100
    published.get_by_role("button", name="Weitere laden").click()
    published.locator(MODERATION_CARD, has_text="Beitrag Nummer 0").wait_for()
    everyone = live_app.call(_published_count(event.id))
    assert everyone > 102
    expect(published.locator(MODERATION_CARD)).to_have_count(everyone)  # the page has arrived whole
    assert published.get_by_role("button", name="Weitere laden").count() == 0


async def _published_count(event_id: int) -> int:
    return await Contribution.filter(event_id=event_id, status=Status.PUBLISHED).count()
