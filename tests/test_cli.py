"""`python main.py create-admin NAME`: an organiser from the command line, password from stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from features.staff.service import login
from models.database import close_database, open_database
from models.staff import Role, StaffAccount
from tests.support.database import ON_POSTGRES, ROOT


def create_admin(tmp_path: Path, database_url: str, name: str, password: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": database_url, "DEMO": "false"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "create-admin", name], input=f"{password}\n", text=True,
        capture_output=True, env=environment, cwd=tmp_path, timeout=60, check=False,
    )


async def test_create_admin_reads_the_password_from_standard_input(tmp_path, test_database_url) -> None:
    url = test_database_url if ON_POSTGRES else f"sqlite://{tmp_path / 'cli.sqlite3'}"
    done = create_admin(tmp_path, url, "mira", "ein-langes-passwort")
    assert done.returncode == 0, done.stderr
    assert "„mira“ angelegt" in done.stdout
    refused = create_admin(tmp_path, url, "nils", "kurz")
    assert refused.returncode == 1
    assert "mindestens 12 Zeichen" in refused.stderr
    assert create_admin(tmp_path, url, "mira", "ein-langes-passwort").returncode == 1  # taken
    await open_database(url)
    try:
        account = await StaffAccount.get(name="mira")
        assert account.role == Role.ORGANISER
        assert await login("mira", "ein-langes-passwort")
        assert not await StaffAccount.exists(name="nils")
    finally:
        await close_database()


def test_unknown_or_incomplete_commands_show_the_usage(tmp_path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "create-admin"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, check=False)
    assert done.returncode == 2
    assert "Aufruf: python main.py create-admin NAME" in done.stderr
