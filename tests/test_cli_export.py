"""`python main.py export`: operators write the same CSV/JSON/PDF as /admin, as an organiser, logged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli import export_to_file, run_export
from core.errors import ServiceError
from features.contributions.service import post_contribution
from features.staff.service import create_account
from models.database import close_database, open_database
from models.moderation import ModerationLogEntry
from models.staff import Role
from tests.support.database import ON_POSTGRES, ROOT
from tests.support.factories import open_event
from tests.support.staff import PASSWORD


async def test_export_to_file_writes_the_file_as_the_oldest_organiser(db, tmp_path) -> None:
    await create_account("Mira", PASSWORD, Role.MODERATOR)
    await create_account("Olaf", PASSWORD, Role.ORGANISER)
    await create_account("Ute", PASSWORD, Role.ORGANISER)
    event, _ = await open_event()
    await post_contribution(event.id, "cli-browser", "Grüße vom Phoenix-See", nickname="Änne")
    out = tmp_path / "beitraege.json"
    exported = await export_to_file("json", out)
    assert out.read_bytes() == exported.data
    assert json.loads(out.read_bytes())["contributions"][0]["text"] == "Grüße vom Phoenix-See"
    assert not list(tmp_path.glob(".*.part"))
    entry = await ModerationLogEntry.get(action="export")
    assert entry.staff_name == "Olaf" and entry.detail.startswith("json (cli")
    await export_to_file("csv", tmp_path / "b.csv", staff_name="Ute", language="en", event_id=event.id)
    assert (tmp_path / "b.csv").read_text(encoding="utf-8-sig").startswith("No.;Created;")
    with pytest.raises(ServiceError) as refused:  # a moderator's name does not open the export
        await export_to_file("csv", tmp_path / "c.csv", staff_name="Mira")
    assert refused.value.key == "forbidden" and not (tmp_path / "c.csv").exists()
    with pytest.raises(ServiceError) as refused:
        await export_to_file("csv", tmp_path / "c.csv", event_id=999)
    assert refused.value.key == "event_not_found"


async def test_without_an_organiser_nothing_is_exported(db, tmp_path) -> None:
    await open_event()
    with pytest.raises(ServiceError) as refused:
        await export_to_file("pdf", tmp_path / "x.pdf")
    assert refused.value.key == "export.no_organiser"


def test_wrong_arguments_show_the_usage(capsys) -> None:
    assert run_export(["--format", "xlsx", "--out", "x"]) == 2
    assert run_export(["--format", "csv"]) == 2
    assert "python main.py export --format csv|json|pdf --out" in capsys.readouterr().err


async def test_the_command_line_writes_a_pdf(tmp_path, test_database_url) -> None:
    url = test_database_url if ON_POSTGRES else f"sqlite://{tmp_path / 'cli.sqlite3'}"
    await open_database(url)
    try:
        await create_account("Olaf", PASSWORD, Role.ORGANISER)
        event, _ = await open_event()
        await post_contribution(event.id, "cli-browser", "Ein Beitrag für den Rat")
    finally:
        await close_database()
    environment = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": url, "DEMO": "false"}
    out: Path = tmp_path / "bericht.pdf"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", "--format", "pdf", "--out", str(out)],
        capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Export geschrieben" in done.stdout and out.read_bytes().startswith(b"%PDF")
    missing = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", "--format", "csv", "--out", str(tmp_path / "no" / "x.csv")],
        capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120, check=False,
    )
    assert missing.returncode == 1 and "kann nicht geschrieben werden" in missing.stderr
