"""Issue 19, points 6 and 7 (CLI): `python main.py <unknown>` names the commands and exits with 2
instead of starting the server, and no command-line input ends in a traceback.

Run as operators run it: `python main.py …` in a subprocess, with a timeout (the old code started
the server on an unknown command, and printed a traceback for an oversized `--event`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.database import ROOT


def main_py(tmp_path: Path, *arguments: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DATA_DIR": str(tmp_path / "data"),
        "DEMO": "false",
        "DATABASE_URL": f"sqlite://{tmp_path / 'cli.sqlite3'}",
        "PORT": "1",  # a server would not even listen
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", ["serve", "create_admin", "--port", "exprot"])
def test_an_unknown_command_lists_the_commands_and_exits_with_2(tmp_path, command) -> None:
    done = main_py(tmp_path, command)
    assert done.returncode == 2, done.stderr
    assert f"Unbekannter Befehl „{command}“" in done.stderr
    for known in ("create-admin NAME", "python main.py export --format", "python main.py event export"):
        assert known in done.stderr
    assert "Traceback" not in done.stderr


def test_help_lists_the_commands(tmp_path) -> None:
    done = main_py(tmp_path, "--help")
    assert done.returncode == 0
    assert "create-admin NAME" in done.stdout


@pytest.mark.parametrize(
    "arguments",
    [
        ("export", "--format", "csv", "--out", "x.csv", "--event", "99999999999999999999"),
        ("export", "--format", "csv", "--out", "x.csv", "--event", "-1"),
        ("event", "export", "--out", "x.json", "--event", "99999999999999999999"),
        ("event", "export", "--out", "x.json", "--event", "zwei"),
    ],
)
def test_an_impossible_event_number_is_one_clear_line(tmp_path, arguments) -> None:
    done = main_py(tmp_path, *arguments)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "argument --event: keine Veranstaltungsnummer" in done.stderr


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (("event", "import", "fehlt.json"), "fehlt.json kann nicht gelesen werden"),
        (("event", "import", "."), "kann nicht gelesen werden"),
        (("export", "--format", "csv", "--out", "x.csv", "--as", "x" * 5000), "Kein aktives Organisationskonto"),
    ],
)
def test_missing_files_and_oversized_names_are_one_clear_line(tmp_path, arguments, says) -> None:
    done = main_py(tmp_path, *arguments)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_unexpected_failure_is_one_line_too(tmp_path) -> None:
    """The last net: a database nobody can reach (a refused connection) is one line, exit 1."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "create-admin", "mira"],
        input="ein-langes-passwort\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
        env={**os.environ, "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": "postgres://nobody@127.0.0.1:9/x"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Fehler: ") and len(done.stderr.strip().splitlines()) == 1
