"""A real app server (main.py, in a thread of the test process) and a real headless Chromium.

The server runs in this process so a test can call a service function on the server's own
event loop, exactly as a moderator's click would, and then watch the browser react.
"""

from __future__ import annotations

import asyncio
import os
import runpy
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from nicegui import core, helpers
from nicegui.server import Server
from nicegui.testing.general import nicegui_reset_globals

from tests.support.database import ON_POSTGRES, ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these flags Chromium keeps calling home, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
T = TypeVar("T")


@dataclass
class LiveApp:
    url: str

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float = 10) -> T:
        """Run a coroutine on the server's event loop (where its database connection lives)."""
        assert core.loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, core.loop).result(timeout)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Module-scoped: Playwright's sync API holds an event loop in the main thread while it runs,
    which the async tests of other modules must not find there."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI installs Debian's chromium (see .ci/run)")
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_app_env() -> dict[str, str]:
    """Extra environment for the app under test (main.py reads it at start); override in a module."""
    return {}


@pytest.fixture
def live_app(
    app_environment,
    test_database_url: str,
    live_app_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[LiveApp]:
    for name, value in live_app_env.items():
        monkeypatch.setenv(name, value)
    port = helpers.find_free_port()
    monkeypatch.setenv("PORT", str(port))
    monkeypatch.setenv("DATABASE_URL", test_database_url if ON_POSTGRES else f"sqlite://{tmp_path / 'live.sqlite3'}")
    monkeypatch.setenv("NICEGUI_SCREEN_TEST_PORT", str(port))  # ui.run's port under pytest
    for name in ("NICEGUI_HOST", "NICEGUI_PORT"):
        monkeypatch.delenv(name, raising=False)
    url = f"http://127.0.0.1:{port}"
    with nicegui_reset_globals():
        thread = threading.Thread(target=runpy.run_path, args=(str(ROOT / "main.py"),),
                                  kwargs={"run_name": "__main__"}, daemon=True)
        thread.start()
        # Start-up (database, demo event) may take long on a loaded machine: wait for the health
        # check itself; a start that fails must stop its thread, or its half-initialised ORM would
        # break every later test.
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or not thread.is_alive():
                if (server := getattr(Server, "instance", None)) is not None:
                    server.should_exit = True
                thread.join(timeout=30)
                raise RuntimeError("the app did not start")
            time.sleep(0.1)
        try:
            yield LiveApp(url)
        finally:
            Server.instance.should_exit = True
            thread.join(timeout=15)
            shutil.rmtree(tmp_path / "data", ignore_errors=True)


@pytest.fixture
def new_tab(browser: Any) -> Iterator[Callable[..., Any]]:
    """Open tabs as separate browsers (own cookies and storage), closed after the test."""
    contexts: list[Any] = []

    def open_tab(width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(locale="de-DE", viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_tab: Callable[..., Any]) -> Any:
    return new_tab()


def connected(tab: Any) -> None:
    """Wait until the page's socket is up and NiceGUI's handshake is done: only then do clicks reach
    the server and pushed changes reach the page."""
    tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")


# Every animation and transition that ends has ended (spinners and other endless ones aside), and
# Quasar's loading bar (it runs while a request of the page is under way) is off the screen.
STILL = """() => document.getAnimations().every(
    (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
  && [...document.querySelectorAll('.q-loading-bar')].every((bar) => getComputedStyle(bar).opacity === '0')"""


def wait_until_still(tab: Any) -> None:
    """Wait until nothing is moving in the tab: what axe or a measurement reads then is the final
    look, not a frame of a fade-in (the condition a fixed wait of a few hundred ms only hoped for)."""
    tab.wait_for_function(STILL)


# A lost connection, as a test makes one: socket.io's own reconnects tell the server which message
# the tab expects next (nicegui.js updates the query on "reconnect_attempt"); a bare
# socket.connect() would send the id of the page load, and a tab that had received anything since
# would then be reloaded ("outbox rewind failed") instead of caught up.
def drop_connection(tab: Any) -> None:
    tab.evaluate("window.socket.disconnect()")


def restore_connection(tab: Any) -> None:
    tab.evaluate("window.socket.io.opts.query.next_message_id = window.nextMessageId; window.socket.connect()")


def decoded_qr(tab: Any, selector: str, tmp_path: Path) -> str:
    """What a phone camera reads from the QR code in `selector` (an element holding one img), once
    that image has loaded: a screenshot decoded by zbarimg (Debian zbar-tools). Skipped on a
    developer machine without it, like Chromium; a failure in CI, which installs it."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg is missing: CI installs Debian's zbar-tools (see .ci/run)")
        pytest.skip("zbarimg (zbar-tools) is needed to read the QR code")
    tab.locator(f"{selector} img").wait_for()
    tab.wait_for_function(f"document.querySelector({selector!r} + ' img').complete")
    shot = tmp_path / "qr.png"
    tab.locator(selector).screenshot(path=str(shot))
    read = subprocess.run([zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, timeout=20)
    return read.stdout.strip()
