"""Two real app processes on one PostgreSQL database, as behind nginx at a big event: what happens
on a page of process A reaches pages of process B within a second.

Needs the local PostgreSQL server and Debian's Chromium; fails, never skips, without PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from nicegui import helpers

from tests.support.browser import connected
from tests.support.database import ROOT, create_postgres_database, drop_postgres_database, run_async

CARD = "li.sg-card"


@dataclass
class Cluster:
    database_url: str
    urls: list[str]
    processes: list[subprocess.Popen]

    def run(self, code: str) -> str:
        """Run service code in a third process on the same database (as another server would)."""
        script = (
            "import asyncio, settings\n"
            "from models.database import open_database, close_database\n"
            "from core.bus import bus, PostgresTransport\n"
            "async def main():\n"
            f"    await open_database({self.database_url!r})\n"
            f"    bus().use(PostgresTransport(bus(), {self.database_url!r}))\n"
            "    try:\n"
            + "".join(f"        {line}\n" for line in code.strip().splitlines())
            + "    finally:\n        await close_database()\n"
            "settings.activate(settings.load_settings())\n"
            "asyncio.run(main())\n"
        )
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                                timeout=60, env={**os.environ, "DATABASE_URL": self.database_url})
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    name = f"sg_cluster_{uuid.uuid4().hex[:8]}"
    url = str(run_async(create_postgres_database(name)))
    secret = "shared-secret-of-all-processes-of-this-event"
    processes, urls = [], []
    try:
        for index in range(2):  # started together: the advisory lock must keep the demo single
            port = helpers.find_free_port()
            env = {**os.environ, "DATABASE_URL": url, "PORT": str(port), "STORAGE_SECRET": secret,
                   "DATA_DIR": str(tmp_path / "data"), "NICEGUI_STORAGE_PATH": str(tmp_path / f"nicegui-{index}")}
            for variable in ("NICEGUI_SCREEN_TEST_PORT", "PYTEST_CURRENT_TEST", "NICEGUI_HOST", "NICEGUI_PORT"):
                env.pop(variable, None)
            with open(tmp_path / f"app-{index}.log", "w") as log:  # the child keeps its own copy
                processes.append(subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=tmp_path, env=env,
                                                  stdout=subprocess.DEVNULL, stderr=log))
            urls.append(f"http://127.0.0.1:{port}")
        for base in urls:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).json()["bus"] == "postgres":
                        break
                except (httpx.HTTPError, ValueError, KeyError):
                    pass
                assert time.monotonic() < deadline, (tmp_path / "app-0.log").read_text()
                time.sleep(0.2)
        yield Cluster(url, urls, processes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        run_async(drop_postgres_database(name))


def wait_ready(tab, url: str) -> None:
    tab.goto(url)
    connected(tab)


@pytest.fixture
def tabs(browser):
    contexts = [browser.new_context(locale="de-DE") for _ in range(3)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def test_postgres_two_processes_share_one_live_wall(cluster, tabs) -> None:
    a, b, screen_b = tabs
    process_a, process_b = cluster.urls
    assert cluster.run("from models.event import Event\nprint(await Event.all().count())") == "1"

    wait_ready(a, f"{process_a}/wall")
    wait_ready(b, f"{process_b}/wall")
    wait_ready(screen_b, f"{process_b}/screen")
    b.evaluate("window.__sameDocument = true")

    a.get_by_label("Ihr Beitrag").fill("Gesendet über Prozess A")
    started = time.monotonic()
    a.get_by_role("button", name="Absenden").click()
    b.locator(CARD, has_text="Gesendet über Prozess A").wait_for(timeout=1000)
    screen_b.locator("li.sg-screen-card", has_text="Gesendet über Prozess A").wait_for(timeout=1000)
    print(f"process A to process B: {(time.monotonic() - started) * 1000:.0f} ms")
    assert b.evaluate("window.__sameDocument") is True

    # a vote on A changes the count on B
    a.locator(CARD, has_text="Gesendet über Prozess A").locator(".sg-vote").click()
    b.locator(CARD, has_text="Gesendet über Prozess A").locator(".sg-votes", has_text="1").wait_for(timeout=1000)

    # a moderation action made elsewhere reaches B's screen
    post_id = cluster.run(
        "from models.contribution import Contribution\n"
        "print((await Contribution.get(text='Gesendet über Prozess A')).id)"
    )
    cluster.run(
        "from features.moderation.service import set_highlight\nfrom models.event import Event\n"
        f"await set_highlight((await Event.first()).id, {post_id})"
    )
    screen_b.locator(".sg-screen-highlight-text", has_text="Gesendet über Prozess A").wait_for(timeout=1000)


def test_postgres_two_processes_follow_one_now_marker(cluster, tabs) -> None:
    a, b, _ = tabs
    wait_ready(a, f"{cluster.urls[0]}/agenda")
    wait_ready(b, f"{cluster.urls[1]}/agenda")
    title = cluster.run(
        "from features.agenda.service import load_programme, set_current_agenda_item\n"
        "programme = await load_programme()\n"
        "await set_current_agenda_item(programme.event.id, programme.items[4].id)\n"
        "print(programme.items[4].title)"
    )
    for tab in (a, b):
        tab.locator('li[aria-current="true"]', has_text=title).wait_for(timeout=1000)


def test_postgres_listener_cut_catches_up_without_loss_or_duplicates(cluster, tabs) -> None:
    import asyncpg

    from core.bus import LISTENER_NAME
    from tests.support.database import POSTGRES_ADMIN_URL

    a, b, _ = tabs
    wait_ready(a, f"{cluster.urls[0]}/wall")
    wait_ready(b, f"{cluster.urls[1]}/wall")
    database = cluster.database_url.rsplit("/", 1)[1]

    async def cut(allow: bool) -> int:
        admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
        try:
            await admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allow).lower()}')
            if allow:
                return 0
            return await admin.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = $1 AND datname = $2",
                LISTENER_NAME, database,
            )
        finally:
            await admin.close()

    assert run_async(cut(False)) == 2  # both processes lose their listener and cannot get it back
    try:
        b.get_by_text("Live-Verbindung unterbrochen").wait_for(timeout=3000)
        a.get_by_label("Ihr Beitrag").fill("Während der Funkstille")
        a.get_by_role("button", name="Absenden").click()
        a.get_by_text("Danke! Ihr Beitrag ist veröffentlicht.").wait_for(timeout=3000)
        time.sleep(1)
        assert b.locator(CARD, has_text="Während der Funkstille").count() == 0  # its NOTIFY went nowhere
    finally:
        run_async(cut(True))
    b.locator(CARD, has_text="Während der Funkstille").wait_for(timeout=8000)
    b.get_by_text("Live-Verbindung unterbrochen").wait_for(state="hidden", timeout=3000)
    a.locator(CARD, has_text="Während der Funkstille").wait_for(timeout=3000)
    time.sleep(0.5)
    assert b.locator(CARD, has_text="Während der Funkstille").count() == 1
    assert a.locator(CARD, has_text="Während der Funkstille").count() == 1


def test_postgres_browser_state_survives_a_move_to_another_process(cluster, tabs) -> None:
    """After a failover nginx sends a browser to another process: its id, votes and language are
    still there, because none of them lives in one process. (Nickname and unsent draft live in
    the browser's localStorage, which belongs to the one origin nginx serves; two ports here are
    two origins, so this test cannot show them.)"""
    tab, _, _ = tabs
    process_a, process_b = cluster.urls
    wait_ready(tab, f"{process_a}/wall")
    tab.get_by_label("Name oder Spitzname (freiwillig)").fill("Ines")
    tab.get_by_label("Ihr Beitrag").fill("Vor dem Umzug")
    tab.get_by_role("button", name="Absenden").click()
    card = tab.locator(CARD, has_text="Vor dem Umzug")
    card.wait_for(timeout=2000)
    card.locator(".sg-vote").click()
    card.locator(".sg-vote[aria-pressed='true']").wait_for(timeout=2000)
    tab.goto(f"{process_a}/lang/en?next=/wall")
    tab.get_by_role("button", name="Send").wait_for()

    wait_ready(tab, f"{process_b}/wall")  # same browser, other process (cookies are per host)
    tab.get_by_role("button", name="Send").wait_for()  # language
    moved = tab.locator(CARD, has_text="Vor dem Umzug")
    moved.locator(".sg-vote[aria-pressed='true']").wait_for(timeout=2000)  # browser id and vote
