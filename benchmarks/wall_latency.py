"""Time from pressing "Absenden" in one Chromium tab to the post showing in a second tab's /wall.

Starts the app (`python main.py`) on a fresh SQLite database in a temporary folder, opens two
headless Chromium tabs, sends N posts from tab A and records, in the browser, when each appears in
tab B (both tabs read the same clock: Date.now()). Prints one summary line and writes JSON.

With `--postgres` it starts two app processes on a fresh PostgreSQL database instead, tab A on
the first and tab B on the second: the time then includes LISTEN/NOTIFY between the processes.

    python benchmarks/wall_latency.py --posts 20
    python benchmarks/wall_latency.py --posts 20 --postgres
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
from pathlib import Path

import _load
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WATCH_B = """() => {
  window.__seen = {};
  new MutationObserver(() => {
    for (const card of document.querySelectorAll('li.sg-card')) {
      const text = card.querySelector('.sg-text')?.textContent;
      if (text && !(text in window.__seen)) window.__seen[text] = Date.now();
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--postgres", action="store_true", help="two processes on a fresh PostgreSQL database")
    parser.add_argument("--postgres-admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "wall_latency.json")
    args = parser.parse_args()
    ports = [args.port, args.port + 1] if args.postgres else [args.port]
    database = f"sg_latency_{os.getpid()}"
    admin_base = args.postgres_admin_url.rsplit("/", 1)[0]
    if args.postgres:
        subprocess.run(["psql", args.postgres_admin_url, "-q", "-c", f"CREATE DATABASE {database}"], check=True)
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"{admin_base}/{database}" if args.postgres else f"sqlite://{Path(folder) / 'bench.sqlite3'}"
        apps = [
            _load.start_app(port, Path(folder), database_url=database_url, log=Path(folder) / f"app-{port}.log",
                            extra_env={"STORAGE_SECRET": "benchmark"})  # both processes sign alike
            for port in ports
        ]
        url_a, url_b = f"http://127.0.0.1:{ports[0]}/wall", f"http://127.0.0.1:{ports[-1]}/wall"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                tab_a = browser.new_context().new_page()
                tab_b = browser.new_context().new_page()
                for tab, url in ((tab_a, url_a), (tab_b, url_b)):
                    tab.goto(url)
                    tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")
                tab_b.evaluate(WATCH_B)
                sent: dict[str, int] = {}
                for number in range(args.posts):
                    text = f"Messung {number}"
                    tab_a.get_by_label("Ihr Beitrag").fill(text)
                    sent[text] = tab_a.evaluate("Date.now()")
                    tab_a.get_by_role("button", name="Absenden").click()
                    tab_b.wait_for_function(f"'{text}' in window.__seen", timeout=10000)
                    tab_a.wait_for_function("!document.querySelector('textarea').value", timeout=10000)
                seen = tab_b.evaluate("window.__seen")
                browser.close()
        finally:
            for app in apps:
                _load.stop(app)
            if args.postgres:
                subprocess.run(["psql", args.postgres_admin_url, "-q", "-c",
                                f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=False)
    latencies = sorted(seen[text] - start for text, start in sent.items())
    result = {
        "setup": "two processes on PostgreSQL" if args.postgres else "one process on SQLite",
        "posts": args.posts,
        "median_ms": statistics.median(latencies),
        "p95_ms": latencies[max(0, round(0.95 * len(latencies)) - 1)],
        "max_ms": latencies[-1],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"wall latency ({result['setup']}) over {args.posts} posts: median {result['median_ms']:.0f} ms, "
          f"p95 {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms ({result['machine']})")


if __name__ == "__main__":
    main()
