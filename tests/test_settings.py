"""Settings: sensible defaults, and a wrong value stops the start with one line naming it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import settings as settings_module
from tests.support.database import ROOT


def test_defaults_make_python_main_py_just_work(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("DATABASE_URL")
    settings = settings_module.load_settings()
    assert settings.port == 8080
    assert settings.effective_database_url == f"sqlite://{tmp_path / 'data' / 'stadtgespraech.sqlite3'}"
    assert settings.effective_public_url == "http://localhost:8080"
    assert settings.event_timezone == "Europe/Berlin"
    assert settings.demo is True
    assert settings.bus_backend == "in-process"


def test_storage_secret_is_generated_once_and_kept(tmp_path) -> None:
    first = settings_module.load_settings().storage_secret
    second = settings_module.load_settings().storage_secret
    assert len(first) >= 32 and first == second
    assert (tmp_path / "data" / "storage_secret").read_text() == first


def test_env_file_is_read(monkeypatch, tmp_path) -> None:
    (tmp_path / ".env").write_text("PORT=9123\nEVENT_TIMEZONE=Europe/Vienna\n")
    settings = settings_module.load_settings()
    assert (settings.port, settings.event_timezone) == (9123, "Europe/Vienna")


@pytest.mark.parametrize("name", ["REPORT_HIDE_THRESHOLD", "FLAG_HIDE_THRESHOLD"])
def test_the_flag_threshold_keeps_its_first_variable_name(monkeypatch, name) -> None:
    """Installations set REPORT_HIDE_THRESHOLD before flags had their own name in the code."""
    monkeypatch.setenv(name, "7")
    assert settings_module.load_settings().flag_hide_threshold == 7


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "achtzig"),
        ("PORT", "70000"),
        ("EVENT_TIMEZONE", "Europe/Dortmund"),
        ("DATABASE_URL", "mysql://x@y/z"),
        ("PUBLIC_URL", "stadt.example"),
        ("DEMO", "vielleicht"),
        ("IMPRINT_URL", "javascript:alert(1)"),
        ("REPORT_HIDE_THRESHOLD", "0"),
        ("FORWARDED_ALLOW_IPS", "nginx.intern"),
        ("FORWARDED_ALLOW_IPS", " , "),
        ("FRAME_ANCESTORS", "https://a.example; script-src *"),
        ("FRAME_ANCESTORS", "javascript:alert(1)"),
        ("FRAME_ANCESTORS", ""),
    ],
)
def test_wrong_value_names_the_setting(monkeypatch, name, value) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(settings_module.SettingsError) as error:
        settings_module.load_settings()
    assert str(error.value).startswith(f"{name}:")


def test_wrong_value_stops_the_start_with_one_clear_line(tmp_path) -> None:
    env = {**os.environ, "PORT": "achtzig", "DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "PORT" in lines[0] and "Traceback" not in result.stderr


def test_a_proxy_on_another_host_and_an_embedding_site_are_settings(monkeypatch) -> None:
    """Issue 19: FORWARDED_ALLOW_IPS was uvicorn's own variable, undocumented; FRAME_ANCESTORS is new."""
    settings = settings_module.load_settings()
    assert settings.forwarded_allow_ips == "127.0.0.1,::1"
    assert settings.frame_ancestors == "'self'"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5, 10.1.0.0/16")
    monkeypatch.setenv("FRAME_ANCESTORS", "'self'   https://www.stadt.example")
    settings = settings_module.load_settings()
    assert settings.forwarded_allow_ips == "10.0.0.5,10.1.0.0/16"
    assert settings.frame_ancestors == "'self' https://www.stadt.example"


@pytest.mark.parametrize(
    ("public_url", "secure"), [("", False), ("http://10.0.0.2:8080", False), ("https://x.example", True)]
)
def test_cookies_are_secure_exactly_under_https(monkeypatch, public_url: str, secure: bool) -> None:
    monkeypatch.setenv("PUBLIC_URL", public_url)
    assert settings_module.load_settings().secure_cookies is secure


def test_a_data_folder_that_cannot_be_written_stops_loading_the_settings(monkeypatch) -> None:
    monkeypatch.setenv("DATA_DIR", "/proc")  # read-only for every user, root included
    with pytest.raises(settings_module.SettingsError) as error:
        settings_module.load_settings()
    assert str(error.value).startswith("DATA_DIR:")
