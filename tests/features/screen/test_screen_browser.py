"""The hall projector (/screen) in a real Chromium: live posts, the QR code, the fit on a 16:9
projector without scrollbars, contrast, never a pending post, and recovery after a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from nicegui import Client, helpers

from features.agenda.service import load_programme
from features.contributions.service import post_contribution
from features.moderation.service import set_highlight
from models.event import Event, ModerationMode, ScreenMode
from tests.support.browser import connected, decoded_qr, drop_connection, restore_connection, wait_until_still
from tests.support.database import ROOT

CARD = "li.sg-screen-card"
PUBLIC_URL = "https://stadtgespraech.example.org"
SIZES = [(1920, 1080), (1280, 720)]
LONG = ("Die Nordstadt braucht mehr Grün, sichere Radwege zur Schule, Bänke an der Haltestelle "
        "und einen Spielplatz, der auch nach Regen benutzbar ist. ") * 4


@pytest.fixture
def projector(browser):
    """A tab with a projector's resolution (resized per test where needed)."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1920, "height": 1080})
    tab = context.new_page()
    yield tab
    context.close()


def open_screen(tab, url: str) -> None:
    tab.goto(f"{url}/screen")
    connected(tab)
    tab.locator(".sg-screen-list").wait_for()


def event_id(live_app) -> int:
    return live_app.call(load_programme()).event.id


async def set_mode(event_pk: int, mode: ModerationMode) -> None:
    await Event.filter(id=event_pk).update(moderation_mode=mode)


def test_new_post_appears_on_the_open_screen_within_a_second(live_app, projector) -> None:
    open_screen(projector, live_app.url)
    projector.get_by_text("Noch keine Beiträge – scannen Sie den QR-Code").wait_for()
    projector.evaluate("window.__sameDocument = true")  # gone if the page reloads
    started = time.monotonic()
    live_app.call(post_contribution(event_id(live_app), "screen-live", "Mehr Bänke am Phoenix-See!", nickname="Ana"))
    projector.locator(CARD, has_text="Mehr Bänke am Phoenix-See!").wait_for(timeout=1000)
    elapsed = time.monotonic() - started
    assert elapsed < 1.0
    assert projector.evaluate("window.__sameDocument") is True
    assert projector.locator(CARD).first.locator(".sg-meta").inner_text().startswith("Ana")
    print(f"post reached the screen after {elapsed * 1000:.0f} ms")


def test_highlight_is_shown_large_and_removed_live(live_app, projector) -> None:
    pk = event_id(live_app)
    post = live_app.call(post_contribution(pk, "screen-hl", "Wann kommt die Ampel an der Schule?"))
    open_screen(projector, live_app.url)
    area = projector.locator(".sg-screen-highlight")
    assert area.is_hidden()
    live_app.call(set_highlight(pk, post.id))
    area.wait_for(state="visible", timeout=1000)
    assert "Im Fokus" in area.text_content()  # shown in capitals by CSS
    assert "Wann kommt die Ampel an der Schule?" in area.inner_text()
    size = projector.locator(".sg-screen-highlight-text").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 50  # larger than the list's cards at 1920 wide
    live_app.call(set_highlight(pk, None))
    area.wait_for(state="hidden", timeout=1000)


async def screen_sockets() -> list[bool]:
    """Whether each open /screen tab of the server has its socket connected, as the server sees it."""
    return [client.has_socket_connection for client in Client.instances.values() if client.page.path == "/screen"]


async def store_screen_mode(event_pk: int, mode: ScreenMode) -> None:
    """Change the stored mode without a signal: what a tab finds when its process never heard
    of the change (a NOTIFY lost on the way), so no message for it waits in the tab's outbox."""
    await Event.filter(id=event_pk).update(screen_mode=mode)


def test_a_screen_that_was_away_shows_the_mode_chosen_meanwhile_when_its_socket_returns(
    live_app, projector
) -> None:
    """The tab's own catch-up (Followers `again`): on reconnect the screen reads the mode again.
    NiceGUI replays only what was sent to the tab; a change whose signal reached no tab of this
    client (here: none was sent at all) is shown only because the tab asks again."""
    pk = event_id(live_app)
    open_screen(projector, live_app.url)
    root = projector.locator(".sg-screen")
    assert "sg-mode-wall" in root.get_attribute("class")
    projector.evaluate("window.__sameDocument = true")  # gone if the page reloads
    drop_connection(projector)
    deadline = time.monotonic() + 5
    while live_app.call(screen_sockets()) != [False]:  # the server knows this tab is away
        assert time.monotonic() < deadline, "the server still sees the screen's socket"
        projector.wait_for_timeout(20)
    live_app.call(store_screen_mode(pk, ScreenMode.PAUSE))
    restore_connection(projector)
    projector.locator(".sg-screen.sg-mode-pause").wait_for(timeout=3000)
    projector.get_by_text("Gleich geht es weiter").wait_for(timeout=1000)
    assert projector.evaluate("window.__sameDocument") is True  # caught up in place, not reloaded
    assert "sg-mode-wall" not in root.get_attribute("class")


@pytest.mark.parametrize("live_app_env", [{"PUBLIC_URL": PUBLIC_URL}])
def test_qr_code_decodes_to_the_short_join_address(live_app, projector, tmp_path: Path) -> None:
    outside: list[str] = []
    projector.on("request", lambda request: outside.append(request.url)
                 if not request.url.startswith(live_app.url) and not request.url.startswith("data:") else None)
    open_screen(projector, live_app.url)
    assert decoded_qr(projector, ".sg-screen-qr", tmp_path) == f"{PUBLIC_URL}/j"
    assert projector.locator(".sg-screen-join-url").inner_text() == f"{PUBLIC_URL}/j"
    box = projector.locator(".sg-screen-qr").bounding_box()
    assert box["width"] >= 300  # readable from a few rows back
    assert outside == []  # made here, not fetched from a QR service


def test_screen_fits_the_projector_with_ten_long_posts(live_app, projector) -> None:
    pk = event_id(live_app)
    posts = [live_app.call(post_contribution(pk, f"screen-long-{n}", f"{n}: {LONG}"[:500], nickname="N" * 40))
             for n in range(10)]
    live_app.call(set_highlight(pk, posts[3].id))
    for width, height in SIZES:
        projector.set_viewport_size({"width": width, "height": height})
        open_screen(projector, live_app.url)
        projector.locator(CARD).first.wait_for()
        projector.locator(".sg-screen-highlight").wait_for()
        wait_until_still(projector)  # the arrival animation has ended
        fits = projector.evaluate("""() => {
            const root = document.documentElement;
            return {scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth,
                    innerHeight: window.innerHeight, innerWidth: window.innerWidth,
                    bodyScroll: document.body.scrollHeight,
                    cursor: getComputedStyle(document.querySelector('.sg-screen-card')).cursor};
        }""")
        assert fits["scrollHeight"] <= fits["innerHeight"], fits
        assert fits["scrollWidth"] <= fits["innerWidth"], fits
        assert fits["bodyScroll"] <= fits["innerHeight"], fits
        assert fits["cursor"] == "none"
        text_size = projector.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.sg-screen-card .sg-text')).fontSize)")
        assert text_size >= (35 if width == 1920 else 24)  # ≥ 2.2rem on a full-HD projector
        # the QR code and the stage stay wholly on the screen
        for selector in (".sg-screen-qr", ".sg-screen-join-url", ".sg-screen-stage"):
            box = projector.locator(selector).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
        if width == 1920:
            projector.screenshot(path="/tmp/screen_1920.png")
        else:
            projector.screenshot(path="/tmp/screen_1280.png")


CONTRAST = """() => {
    const lum = (rgb) => {
        const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const background = (el) => {
        for (; el; el = el.parentElement) {
            const c = parse(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const worst = [];
    for (const el of document.querySelectorAll('.sg-screen *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.offsetParent === null) continue;
        const fg = lum(parse(getComputedStyle(el).color).slice(0, 3));
        const bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        worst.push([ratio, el.className, el.textContent.slice(0, 30)]);
    }
    worst.sort((a, b) => a[0] - b[0]);
    return worst;
}"""


def test_every_text_has_a_contrast_of_at_least_seven_to_one(live_app, projector) -> None:
    pk = event_id(live_app)
    first = live_app.call(post_contribution(pk, "screen-c1", "Kontrast im Fokus", nickname="Ana"))
    live_app.call(post_contribution(pk, "screen-c2", "Kontrast in der Liste"))
    live_app.call(set_highlight(pk, first.id))
    open_screen(projector, live_app.url)
    projector.locator(".sg-screen-highlight").wait_for()
    wait_until_still(projector)  # no fade-in half way
    measured = projector.evaluate(CONTRAST)
    assert len(measured) >= 8
    assert measured[0][0] >= 7, measured[:3]


def test_new_cards_arrive_animated_unless_reduced_motion_is_asked_for(live_app, browser) -> None:
    live_app.call(post_contribution(event_id(live_app), "screen-motion", "Bewegt"))
    for motion, expected in (("no-preference", "sg-arrive"), ("reduce", "none")):
        context = browser.new_context(viewport={"width": 1280, "height": 720}, reduced_motion=motion)
        tab = context.new_page()
        open_screen(tab, live_app.url)
        card = tab.locator(CARD).first
        card.wait_for()
        assert card.evaluate("el => getComputedStyle(el).animationName") == expected
        context.close()


def test_a_pending_post_never_appears(live_app, projector) -> None:
    pk = event_id(live_app)
    open_screen(projector, live_app.url)
    live_app.call(set_mode(pk, ModerationMode.PRE))
    live_app.call(post_contribution(pk, "screen-pending", "Wartet auf Freigabe"))
    live_app.call(set_mode(pk, ModerationMode.POST))
    live_app.call(post_contribution(pk, "screen-after", "Danach veröffentlicht"))
    projector.locator(CARD, has_text="Danach veröffentlicht").wait_for(timeout=1000)  # later news did arrive
    assert "Wartet auf Freigabe" not in projector.content()
    projector.reload()
    projector.locator(CARD, has_text="Danach veröffentlicht").wait_for()
    assert "Wartet auf Freigabe" not in projector.content()


# --- a restart of the server ------------------------------------------------------------------
def start_app(tmp_path: Path, port: int, log_name: str) -> subprocess.Popen:
    """main.py as an operator starts it, on a file database, in its own process."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("NICEGUI_", "PYTEST_"))}
    env.update(DATA_DIR=str(tmp_path / "data"), DATABASE_URL=f"sqlite://{tmp_path / 'app.sqlite3'}",
               PORT=str(port), HOST="127.0.0.1", DEMO="true")
    log = (tmp_path / log_name).open("w")
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=tmp_path, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the app did not start: {(tmp_path / log_name).read_text()[-2000:]}")


def stop_app(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def test_screen_recovers_by_itself_after_a_server_restart(app_environment, projector, tmp_path: Path) -> None:
    port = helpers.find_free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_app(tmp_path, port, "first.log")
    try:
        open_screen(projector, url)
        title = projector.locator(".sg-screen-stage-title").inner_text()
        assert title
        projector.evaluate("window.__beforeRestart = true")
        stop_app(process)
        projector.wait_for_timeout(4000)  # the hall waits; the operator restarts the server
        assert projector.locator("#popup").is_hidden()  # no "connection lost" box on the projector
        assert projector.locator(".sg-screen-stage-title").inner_text() == title
        process = start_app(tmp_path, port, "second.log")
        projector.wait_for_function(
            "!window.__beforeRestart && window.socket && window.socket.connected && window.did_handshake",
            timeout=20000,
        )
        assert projector.url == f"{url}/screen"
        assert projector.locator(".sg-screen-stage-title").inner_text() == title
        assert projector.locator(".sg-screen-qr img").count() == 1
    finally:
        stop_app(process)
