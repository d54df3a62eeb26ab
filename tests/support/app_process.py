"""main.py as operators start it: a separate process, with its own environment, watched with timeouts.

For what only a real process shows: that a start fails with one line and an exit code instead of
hanging, that SIGTERM ends it, that a second process on the same SQLite file refuses to start.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from nicegui import helpers

from tests.support.database import ROOT

START_TIMEOUT = 90.0  # seconds a start (migrations of a new database) may take on a busy test machine
# what the test run sets for itself and a started app must not inherit (pytest mode of NiceGUI, ports)
_NOT_INHERITED = ("PYTEST_CURRENT_TEST", "NICEGUI_SCREEN_TEST_PORT", "NICEGUI_HOST", "NICEGUI_PORT", "PORT")


@dataclass
class Ended:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def app_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items() if name not in _NOT_INHERITED}
    environment.update({"DATA_DIR": str(data_dir), "DEMO": "false", "PYTHONUNBUFFERED": "1"})
    environment.pop("DATABASE_URL", None)  # the default: SQLite in DATA_DIR
    environment.update(extra)
    return environment


class AppProcess:
    """One `python main.py` on a free port; always ended (SIGKILL as the last resort) by `close`."""

    def __init__(self, environment: dict[str, str], cwd: Path) -> None:
        self.port = helpers.find_free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py")],
            env={**environment, "PORT": str(self.port)},
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_until_serving(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                ended = self.wait_for_end(1)
                raise AssertionError(f"the app ended with {ended.code}: {ended.stderr}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the app did not serve within {timeout} s")

    def wait_for_end(self, timeout: float = START_TIMEOUT) -> Ended:
        """The exit code and output; a process still running after `timeout` is killed and fails the test."""
        try:
            stdout, stderr = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            stdout, stderr = self.process.communicate()
            raise AssertionError(f"the process still ran after {timeout} s (it hangs): {stderr[-2000:]}") from None
        return Ended(self.process.returncode, stdout, stderr, time.monotonic() - self.started)

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@contextmanager
def app_process(environment: dict[str, str], cwd: Path) -> Iterator[AppProcess]:
    process = AppProcess(environment, cwd)
    try:
        yield process
    finally:
        process.close()


def run_app(environment: dict[str, str], cwd: Path, timeout: float = START_TIMEOUT) -> Ended:
    """Start main.py and wait for it to end by itself (a start that must fail)."""
    with app_process(environment, cwd) as process:
        return process.wait_for_end(timeout)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only for this user. chmod does not stop root, so as root the
    file gets the immutable attribute (chattr +i, ext4 and the like), and the test is skipped
    where the file system or the container does not allow that."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root, and chattr +i is not possible here: nothing makes a path read-only for root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)
