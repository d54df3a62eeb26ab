"""The load benchmarks keep working: each runs once with small sizes against the real app.

Only completeness is asserted (every post reached every viewer, every tab joined) and the shape of
the JSON; timings never are. `STADTGESPRAECH_BENCH_APP_DIR` points the scripts at another checkout
of the app (default: this one).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.database import ROOT

APP_DIR = os.environ.get("STADTGESPRAECH_BENCH_APP_DIR", str(ROOT))
LATENCY_FIELDS = {"p50", "p95", "p99", "max"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(script: str, *arguments: str, out: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *arguments, "--app-dir", APP_DIR, "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert len(completed.stdout.strip().splitlines()) == 2  # the summary line and where the JSON is
    return json.loads(out.read_text())


def test_fanout_reaches_every_viewer_in_the_app_and_the_baseline(tmp_path):
    result = run("fanout.py", "--clients", "50", "--posts", "5", "--rate", "5", "--workers", "2", "--settle", "0.5",
                 "--port", str(free_port()), "--baseline-port", str(free_port()), out=tmp_path / "fanout.json")
    assert result["benchmark"] == "fanout" and result["clients"] == 50 and result["posts"] == 5
    for side in ("app", "baseline"):
        measured = result[side]
        assert measured["viewers"] == 50 and measured["join_failures"] == 0
        assert measured["expected"] == 50 * 5
        assert measured["delivered"] == measured["expected"]
        assert measured["posts_confirmed"] == 5
        assert set(measured["latency_ms"]) == LATENCY_FIELDS
        for key in ("server_cpu_seconds", "server_cpu_percent", "rss_before_mb", "rss_after_mb",
                    "memory_per_viewer_kb"):
            assert isinstance(measured[key], int | float), key
    assert result["app"]["server_tracebacks"] == 0
    assert set(result["ratio"]) == {"p50", "p95", "p99"}
    assert "cores" in result["machine"]


def test_join_storm_every_tab_gets_a_usable_page(tmp_path):
    result = run("join_storm.py", "--clients", "50", "--seconds", "2", "--workers", "2", "--settle", "0.5",
                 "--port", str(free_port()), out=tmp_path / "join.json")
    assert result["benchmark"] == "join_storm" and result["clients"] == 50
    measured = result["app"]
    assert measured["joined"] == 50 and measured["failures"] == 0 and measured["errors"] == []
    assert set(measured["usable_page_ms"]) == LATENCY_FIELDS
    for key in ("server_cpu_seconds", "rss_before_mb", "rss_after_mb", "memory_per_tab_kb", "storm_seconds"):
        assert isinstance(measured[key], int | float), key


def test_poll_storm_stores_every_answer_and_shows_the_final_result_everywhere(tmp_path):
    result = run("poll_storm.py", "--viewers", "30", "--answers", "15", "--seconds", "2", "--posts", "3",
                 "--workers", "2", "--settle", "0.5", "--drain", "60", "--port", str(free_port()),
                 out=tmp_path / "poll.json")
    assert result["benchmark"] == "poll_storm" and result["viewers"] == 30 and result["answers"] == 15
    measured = result["app"]
    assert measured["viewers"] == 30 and measured["join_failures"] == 0
    assert measured["answers_confirmed"] == 15 and measured["viewers_with_final_result"] == 30
    assert measured["posts_calm_delivered"] == measured["posts_storm_delivered"] == 30 * 3
    for key in ("final_result_after_last_answer_ms", "post_latency_calm_ms", "post_latency_storm_ms"):
        assert set(measured[key]) == LATENCY_FIELDS, key
    assert measured["server_tracebacks"] == 0
