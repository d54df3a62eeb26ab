"""Issue 19, points 4 and 5: an operator's mistake stops the app with one clear line and a non-zero
exit code, within seconds, instead of a process that prints "ready", never listens and ignores
SIGTERM (so systemd's Restart= never fired); and one SQLite file serves one process only.

Each case runs `python main.py` as its own process with a timeout: before, every one of them
(a second process aside, which started silently) hung until the timeout killed it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from models.database import STARTUP_LOCK
from tests.support.app_process import START_TIMEOUT, Ended, app_environment, app_process, read_only, run_app
from tests.support.database import create_postgres_database, drop_postgres_database, run_async

QUICK = 20.0  # seconds: python and NiceGUI start in 2-3 s; a failing start must not take much longer


def assert_one_clear_line(ended: Ended, *words: str) -> None:
    assert ended.code != 0, ended.stderr
    assert "Traceback" not in ended.stderr, ended.stderr
    assert len(ended.lines) == 1, ended.stderr
    for word in words:
        assert word in ended.lines[0], ended.lines[0]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"  # app_environment (conftest) made it


def database_file(data_dir: Path) -> Path:
    return data_dir / "stadtgespraech.sqlite3"


def test_a_corrupt_sqlite_file_stops_the_start(data_dir: Path, tmp_path: Path) -> None:
    database_file(data_dir).write_bytes(os.urandom(20_000))
    ended = run_app(app_environment(data_dir), tmp_path, QUICK)
    assert_one_clear_line(ended, "beschädigt", str(database_file(data_dir)))


def test_a_database_path_that_is_a_folder_stops_the_start(data_dir: Path, tmp_path: Path) -> None:
    database_file(data_dir).mkdir()
    ended = run_app(app_environment(data_dir), tmp_path, QUICK)
    assert_one_clear_line(ended, "Ordner", str(database_file(data_dir)))


def test_a_read_only_sqlite_file_stops_the_start(data_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(database_file(data_dir)) as connection:  # a real, healthy database
        connection.execute("CREATE TABLE anything (x INTEGER)")
    connection.close()
    with read_only(database_file(data_dir)):
        ended = run_app(app_environment(data_dir), tmp_path, QUICK)
    assert_one_clear_line(ended, "schreibgeschützt")


def test_a_read_only_data_folder_stops_the_start(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "storage_secret").write_text("kept-from-last-time", encoding="utf-8")
    with read_only(data_dir):
        ended = run_app(app_environment(data_dir), tmp_path, QUICK)
    assert_one_clear_line(ended, "DATA_DIR", "kann nicht geschrieben werden")


def test_a_data_folder_no_one_may_write_to_stops_the_start_even_for_root(tmp_path: Path) -> None:
    """/proc is read-only for every user, root included: the case above without chattr."""
    ended = run_app(app_environment(Path("/proc")), tmp_path, QUICK)
    assert_one_clear_line(ended, "DATA_DIR", "/proc")


def test_an_unreachable_postgresql_stops_the_start(data_dir: Path, tmp_path: Path) -> None:
    environment = app_environment(data_dir, DATABASE_URL="postgres://stadt:geheim@127.0.0.1:1/x")
    ended = run_app(environment, tmp_path, QUICK)
    assert_one_clear_line(ended, "PostgreSQL", "nicht erreichbar", "127.0.0.1:1")
    assert "geheim" not in ended.stderr  # the password is not printed into the journal


def test_a_second_process_on_the_same_sqlite_file_refuses_and_the_first_stops_on_sigterm(
    data_dir: Path, tmp_path: Path
) -> None:
    with app_process(app_environment(data_dir), tmp_path) as first:
        first.wait_until_serving()
        second = run_app(app_environment(data_dir), tmp_path, QUICK)
        assert_one_clear_line(second, "anderen Prozess", "PostgreSQL", str(first.process.pid))
        first.wait_until_serving(5)  # the first one goes on serving
        first.terminate()
        ended = first.wait_for_end(QUICK)
    assert ended.code in (0, -signal.SIGTERM), ended.stderr  # uvicorn re-raises the signal after its shutdown
    assert "Traceback" not in ended.stderr
    with app_process(app_environment(data_dir), tmp_path) as after:  # the lock ended with its process
        after.wait_until_serving()


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """Needs the local PostgreSQL server (see README): fails, never skips, when it is missing."""
    name = f"sg_start_{uuid.uuid4().hex[:8]}"
    url = str(run_async(create_postgres_database(name)))
    try:
        yield url
    finally:
        run_async(drop_postgres_database(name))


@pytest.fixture
def start_lock_held(postgres_database: str) -> Iterator[str]:
    """Another process holds the start-up lock (it migrates, or hangs): a new process waits for it."""
    held, release = threading.Event(), threading.Event()

    async def hold() -> None:
        connection = await asyncpg.connect(postgres_database)
        await connection.execute("SELECT pg_advisory_lock($1)", STARTUP_LOCK)
        held.set()
        await asyncio.to_thread(release.wait)
        await connection.close()

    thread = threading.Thread(target=asyncio.run, args=(hold(),))
    thread.start()
    assert held.wait(10)
    try:
        yield postgres_database
    finally:
        release.set()
        thread.join(10)


async def someone_waits_for_the_lock(url: str, within: float = START_TIMEOUT) -> bool:
    connection = await asyncpg.connect(url)
    try:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if await connection.fetchval("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"):
                return True
            await asyncio.sleep(0.1)
        return False
    finally:
        await connection.close()


def test_sigterm_stops_a_start_that_waits(data_dir: Path, tmp_path: Path, start_lock_held: str) -> None:
    with app_process(app_environment(data_dir, DATABASE_URL=start_lock_held), tmp_path) as waiting:
        assert run_async(someone_waits_for_the_lock(start_lock_held)), "the app never asked for the start-up lock"
        assert waiting.process.poll() is None  # it waits, as it should
        waiting.terminate()
        ended = waiting.wait_for_end(10)
    assert ended.code != 0
    assert "Traceback" not in ended.stderr
    assert "Start abgebrochen" in ended.lines[-1]
