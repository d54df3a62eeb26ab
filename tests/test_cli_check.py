"""`python main.py check`: the preflight as a command, in a subprocess as an operator runs it.

Exit code 0 when everything is ready, 1 with warnings, 2 with errors. The all-OK case needs a
PUBLIC_URL that answers /healthz: the test serves it itself, as the proxy the command's request
goes through (HTTP_PROXY), so PUBLIC_URL can be a public name that no DNS has to know.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from models.database import close_database, open_database
from tests.support.database import ON_POSTGRES, ROOT
from tests.support.factories import make_event

PUBLIC = "http://beteiligung.stadt.example"


class Healthz(BaseHTTPRequestHandler):
    """Answers GET …/healthz (direct or as a proxy: then the path is the whole address) with 200."""

    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # the name http.server calls
        self.asked.append(self.path)
        ok = self.path.endswith("/healthz")
        body = b'{"status": "ok"}' if ok else b"not found"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def healthz_proxy() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Healthz)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Healthz.asked = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def check(tmp_path: Path, database_url: str, **settings: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value for name, value in os.environ.items()
        if not name.upper().endswith("_PROXY") and name not in ("PUBLIC_URL", "HOST", "IMPRINT_URL", "PRIVACY_URL")
    }
    environment.update({"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": database_url, "DEMO": "false",
                        "STORAGE_SECRET": "ein-fester-schluessel-fuer-alle-prozesse", **settings})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check"], text=True, capture_output=True, env=environment,
        cwd=tmp_path, timeout=90, check=False,
    )


async def a_ready_event(url: str) -> None:
    await open_database(url)
    try:
        event, _ = await make_event()
        event.participation_opens_at = event.starts_at
        event.participation_closes_at = event.ends_at + timedelta(days=30)
        event.retention_until = date(2026, 12, 31)
        await event.save()
    finally:
        await close_database()


def _database(tmp_path: Path, test_database_url: str) -> str:
    return test_database_url if ON_POSTGRES else f"sqlite://{tmp_path / 'check.sqlite3'}"


def _ready(proxy: str) -> dict[str, str]:
    return {"HOST": "0.0.0.0", "PUBLIC_URL": PUBLIC, "HTTP_PROXY": proxy, "http_proxy": proxy,
            "IMPRINT_URL": f"{PUBLIC}/impressum", "PRIVACY_URL": f"{PUBLIC}/datenschutz"}


async def test_a_ready_installation_exits_with_0(tmp_path, test_database_url, healthz_proxy) -> None:
    url = _database(tmp_path, test_database_url)
    await a_ready_event(url)
    done = check(tmp_path, url, **_ready(healthz_proxy))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("OK       ") for line in lines), done.stdout
    assert f"OK       {PUBLIC}/healthz antwortet." in lines
    assert f"OK       Der QR-Code zeigt auf {PUBLIC}/j." in lines
    assert Healthz.asked == [f"{PUBLIC}/healthz"]
    assert "Traceback" not in done.stderr


async def test_warnings_exit_with_1(tmp_path, test_database_url, healthz_proxy) -> None:
    url = _database(tmp_path, test_database_url)
    await a_ready_event(url)
    settings = {**_ready(healthz_proxy), "IMPRINT_URL": ""}
    done = check(tmp_path, url, **settings)
    assert done.returncode == 1, done.stdout + done.stderr
    warnings = [line for line in done.stdout.splitlines() if not line.startswith("OK")]
    assert len(warnings) == 1 and warnings[0].startswith("WARNUNG  Kein Impressum verlinkt.")


async def test_errors_exit_with_2_and_say_what_to_do(tmp_path, test_database_url, healthz_proxy) -> None:
    url = _database(tmp_path, test_database_url)
    await a_ready_event(url)
    settings = {**_ready(healthz_proxy), "PUBLIC_URL": ""}
    done = check(tmp_path, url, **settings)
    assert done.returncode == 2, done.stdout + done.stderr
    assert (
        "FEHLER   PUBLIC_URL ist nicht gesetzt: der QR-Code zeigt auf http://localhost:8080/j. Setzen Sie "
        "PUBLIC_URL auf die Adresse, unter der Handys im Saal die Seite erreichen."
    ) in done.stdout.splitlines()
    assert "FEHLER   Der QR-Code zeigt auf http://localhost:8080/j" in done.stdout
    assert "Traceback" not in done.stderr


def test_an_unreachable_database_is_an_error_line_not_a_traceback(tmp_path) -> None:
    done = check(tmp_path, "postgres://nobody@127.0.0.1:1/none")
    assert done.returncode == 2
    assert "FEHLER   Die Datenbank postgres://nobody@127.0.0.1:1/none ist nicht erreichbar" in done.stdout
    assert "Traceback" not in done.stderr


def test_check_is_listed_and_refuses_unknown_options(tmp_path) -> None:
    listed = subprocess.run([sys.executable, str(ROOT / "main.py"), "help"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60, check=False)
    assert "python main.py check" in listed.stdout
    wrong = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--schnell"], capture_output=True,
                           text=True, cwd=tmp_path, timeout=60, check=False)
    assert wrong.returncode == 2 and "python main.py check" in wrong.stderr
