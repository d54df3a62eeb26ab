"""`python main.py event export|import`: the event as one file from the command line, German
messages, exit code 2 for a refused file (nothing imported), 1 for a file that cannot be written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cli import run_event
from models.database import close_database, open_database
from models.event import AgendaItem, Event
from tests.support.database import ON_POSTGRES, ROOT, empty_postgres_database

START = datetime(2026, 9, 12, 8, 0, tzinfo=UTC)


def main_py(tmp_path: Path, url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": url, "DEMO": "false"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "event", *arguments],
        capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120, check=False,
    )


def test_wrong_arguments_show_the_usage(capsys) -> None:
    assert run_event([]) == 2
    assert run_event(["export"]) == 2  # --out is missing
    assert run_event(["import"]) == 2
    assert "python main.py event export --out DATEI" in capsys.readouterr().err


async def test_export_then_import_into_a_fresh_database(tmp_path, test_database_url) -> None:
    url = test_database_url if ON_POSTGRES else f"sqlite://{tmp_path / 'cli.sqlite3'}"
    await open_database(url)
    try:
        event = await Event.create(title="Stadtkonferenz", starts_at=START, ends_at=START + timedelta(hours=4))
        await AgendaItem.create(event=event, title="Begrüßung", starts_at=START, ends_at=START + timedelta(hours=1))
    finally:
        await close_database()
    out = tmp_path / "stadtkonferenz.json"
    done = main_py(tmp_path, url, "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Veranstaltung geschrieben" in done.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["agenda"][0]["title"] == "Begrüßung"
    assert main_py(tmp_path, url, "export", "--out", str(tmp_path / "nein" / "x.json")).returncode == 1
    assert main_py(tmp_path, url, "export", "--out", str(out), "--event", "99").returncode == 1

    fresh = test_database_url if ON_POSTGRES else f"sqlite://{tmp_path / 'neu.sqlite3'}"
    if ON_POSTGRES:
        await empty_postgres_database(fresh)
    broken = json.loads(out.read_text(encoding="utf-8"))
    broken["agenda"].append({"title": "Ende", "starts_at": "2026-09-12T12:00:00+02:00",
                             "ends_at": "2026-09-12T11:00:00+02:00"})
    (tmp_path / "kaputt.json").write_text(json.dumps(broken), encoding="utf-8")
    refused = main_py(tmp_path, fresh, "import", str(tmp_path / "kaputt.json"))
    assert refused.returncode == 2
    assert "Nicht eingelesen: Die Veranstaltungsdatei hat 1 Fehler" in refused.stderr
    assert "  agenda[1].ends_at: liegt nicht nach dem Beginn" in refused.stderr
    assert main_py(tmp_path, fresh, "import", str(tmp_path / "gibt-es-nicht.json")).returncode == 1

    done = main_py(tmp_path, fresh, "import", str(out))
    assert done.returncode == 0, done.stderr
    assert "Veranstaltung „Stadtkonferenz“ eingelesen" in done.stdout
    await open_database(fresh)
    try:
        assert [event.title for event in await Event.all()] == ["Stadtkonferenz"]  # the broken file left nothing
        assert await AgendaItem.all().count() == 1
    finally:
        await close_database()
