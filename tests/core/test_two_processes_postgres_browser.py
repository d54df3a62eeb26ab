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



async def keep_listeners_out(database: str, allow: bool) -> int:
    """Close `database` to new connections and end its bus listeners (how many), or open it again (0)."""
    import asyncpg

    from core.bus import LISTENER_NAME
    from tests.support.database import POSTGRES_ADMIN_URL

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

    # a vote on B (nobody supports their own post) changes the count on A
    b.locator(CARD, has_text="Gesendet über Prozess A").locator(".sg-vote").click()
    a.locator(CARD, has_text="Gesendet über Prozess A").locator(".sg-votes", has_text="1").wait_for(timeout=1000)

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


def test_postgres_two_processes_count_one_audience(cluster, tabs) -> None:
    """Someone in the hall on process A, someone online on process B: both walls show both (each
    process's timer publishes its numbers every few seconds, so this waits for that, not longer)."""
    hall, online, _ = tabs
    hall.context.add_cookies([{"name": "sg_channel", "value": "hall", "url": cluster.urls[0]}])
    wait_ready(hall, f"{cluster.urls[0]}/wall")
    wait_ready(online, f"{cluster.urls[1]}/wall")
    for tab in (hall, online):
        tab.get_by_text("Jetzt verbunden: 1 online, 1 im Saal").wait_for(timeout=15000)
    hall.close()  # the hall's tab closes on A: B's line follows
    online.get_by_text("Jetzt verbunden: 1 online, 0 im Saal").wait_for(timeout=15000)


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


    a, b, _ = tabs
    wait_ready(a, f"{cluster.urls[0]}/wall")
    wait_ready(b, f"{cluster.urls[1]}/wall")
    database = cluster.database_url.rsplit("/", 1)[1]

    async def cut(allow: bool) -> int:
        return await keep_listeners_out(database, allow)

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
    cluster.run(  # someone else's post to support (nobody supports their own)
        "from features.contributions.service import post_contribution\nfrom models.event import Event\n"
        "await post_contribution((await Event.first()).id, 'someone-else', 'Unterstützenswert')"
    )
    wait_ready(tab, f"{process_a}/wall")
    tab.get_by_label("Name oder Spitzname (freiwillig)").fill("Ines")
    tab.get_by_label("Ihr Beitrag").fill("Vor dem Umzug")
    tab.get_by_role("button", name="Absenden").click()
    tab.locator(CARD, has_text="Vor dem Umzug").wait_for(timeout=2000)
    card = tab.locator(CARD, has_text="Unterstützenswert")
    card.locator(".sg-vote").click()
    card.locator(".sg-vote[aria-pressed='true']").wait_for(timeout=2000)
    tab.goto(f"{process_a}/lang/en?next=/wall")
    tab.get_by_role("button", name="Send", exact=True).wait_for()

    wait_ready(tab, f"{process_b}/wall")  # same browser, other process (cookies are per host)
    tab.get_by_role("button", name="Send", exact=True).wait_for()  # language
    tab.locator(CARD, has_text="Vor dem Umzug").locator(".sg-own-votes").wait_for(timeout=2000)  # browser id
    moved = tab.locator(CARD, has_text="Unterstützenswert")
    moved.locator(".sg-vote[aria-pressed='true']").wait_for(timeout=2000)  # and vote


class HeldWriter:
    """Service code in a third process whose database connection is opened before the cut: it can
    write while the database takes no new connections, which keeps every bus listener out."""

    def __init__(self, cluster: Cluster, setup: str, write: str) -> None:
        script = (
            "import asyncio, sys, settings\n"
            "from models.database import open_database, close_database\n"
            "from core.bus import bus, PostgresTransport\n"
            "from tortoise import connections\n"
            "async def main():\n"
            f"    await open_database({cluster.database_url!r})\n"
            f"    bus().use(PostgresTransport(bus(), {cluster.database_url!r}))\n"
            "    try:\n"
            + "".join(f"        {line}\n" for line in setup.strip().splitlines())
            + "        print('ready', flush=True)\n"
            "        sys.stdin.readline()\n"
            "        listeners = await connections.get('default').execute_query_dict(\n"
            "            \"SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'stadtgespraech-bus'\"\n"
            "            ' AND datname = current_database()')\n"
            "        print('listeners', listeners[0]['n'], flush=True)\n"
            + "".join(f"        {line}\n" for line in write.strip().splitlines())
            + "        print('written', flush=True)\n"
            "    finally:\n        await close_database()\n"
            "settings.activate(settings.load_settings())\n"
            "asyncio.run(main())\n"
        )
        self.process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, text=True, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env={**os.environ, "DATABASE_URL": cluster.database_url})
        assert self.line() == "ready"

    def line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line:
            self.process.wait(30)
            raise AssertionError(self.process.stderr.read() if self.process.stderr else "the writer ended")
        return line

    def write(self) -> int:
        """Run the writes now; returns how many bus listeners the database had just before them."""
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        listeners = self.line()
        assert self.line() == "written"
        assert self.process.wait(30) == 0, self.process.stderr.read() if self.process.stderr else ""
        return int(listeners.split()[1])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def test_postgres_screen_mode_and_result_changed_while_the_listener_was_cut_show_on_open_pages(
    cluster, tabs
) -> None:
    """The catch-up after a gap, end to end: process A's listener is cut and kept out while another
    process changes the screen mode and a result's title, so their NOTIFYs reach nobody. When A
    listens again, its catch-up (EVENT_SETTINGS, RESULTS) brings the open /screen, /results/{id}
    and /results of A up to date, in place."""


    screen, result_page, gallery = tabs
    process_a = cluster.urls[0]
    result_id = cluster.run(
        "from features.results.service import create_result, create_topic\n"
        "from features.staff.service import create_account\n"
        "from models.event import Event\nfrom models.staff import Role\n"
        "olga = await create_account('Olga', 'richtig-geheim-42', Role.ORGANISER)\n"
        "topic = await create_topic(olga, (await Event.first()).id, 'Mobilität')\n"
        "print((await create_result(olga, topic.id, 'Radwege vorher')).id)"
    )
    wait_ready(screen, f"{process_a}/screen")
    wait_ready(result_page, f"{process_a}/results/{result_id}")
    wait_ready(gallery, f"{process_a}/results")
    assert "sg-mode-wall" in screen.locator(".sg-screen").get_attribute("class")
    result_page.get_by_role("heading", name="Radwege vorher").wait_for()
    gallery.get_by_text("Radwege vorher").wait_for()
    for tab in tabs:
        tab.evaluate("window.__sameDocument = true")  # gone if the page reloads
    writer = HeldWriter(
        cluster,
        setup=(
            "from features.moderation.service import set_screen_mode\n"
            "from features.results.service import update_result\n"
            "from models.event import Event, ScreenMode\nfrom models.result import Result\n"
            "from models.staff import StaffAccount\n"
            "olga = await StaffAccount.get(name='Olga')\n"
            f"result = await Result.get(id={result_id})\n"
            "event = await Event.first()\n"
        ),
        write=(
            "await set_screen_mode(olga, event.id, ScreenMode.PAUSE)\n"
            "await update_result(olga, result.id, topic_id=result.topic_id, title='Radwege nachher')\n"
        ),
    )
    database = cluster.database_url.rsplit("/", 1)[1]

    async def cut(allow: bool) -> int:
        return await keep_listeners_out(database, allow)

    try:
        assert run_async(cut(False)) == 2  # both processes lose their listener and cannot get it back
        assert writer.write() == 0  # nobody listened while the changes committed: their NOTIFYs are lost
        # A cannot have heard of them: no listener of A exists
        assert "sg-mode-pause" not in screen.locator(".sg-screen").get_attribute("class")
        assert result_page.get_by_role("heading", name="Radwege vorher").count() == 1
    finally:
        writer.close()
        run_async(cut(True))
    screen.locator(".sg-screen.sg-mode-pause").wait_for(timeout=10000)
    screen.get_by_text("Gleich geht es weiter").wait_for(timeout=1000)
    result_page.get_by_role("heading", name="Radwege nachher").wait_for(timeout=3000)
    gallery.get_by_text("Radwege nachher").wait_for(timeout=3000)
    assert gallery.get_by_text("Radwege vorher").count() == 0
    assert [tab.evaluate("window.__sameDocument") for tab in tabs] == [True, True, True]  # in place, no reload
