"""Join storm: K people scan the hall screen's QR code within T seconds.

Starts the app (`python main.py`, a fresh SQLite database in a temporary folder unless
`--database-url` is given, DEMO=true), opens the projector page /screen, then lets K tabs join
evenly spread over T seconds, each the way a phone does after scanning: GET /j (the QR code's
address; it sets the hall cookie and redirects to /wall), load /wall, open the socket and complete
NiceGUI's handshake (benchmarks/_load.py). Records, per tab, the time from the first request to a
usable page (handshake accepted), failures, and the server's memory per joined tab. Prints one
summary line and writes JSON.

    python benchmarks/join_storm.py --clients 500 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _load


async def storm(base_url: str, server_pid: int, args: argparse.Namespace) -> dict[str, Any]:
    async with _load.new_session() as session:
        screen = _load.Tab(base_url)
        await screen.join(session, "/screen")
        screen_listening = asyncio.create_task(screen.listen())
        await asyncio.sleep(1)
        rss_before, cpu_before = _load.rss_bytes(server_pid), _load.cpu_seconds(server_pid)
        t0 = time.time() + 3  # give the worker processes time to start
        starts = [t0 + args.seconds * i / args.clients for i in range(args.clients)]
        workers = _load.Workers(base_url, args.path, args.clients, args.workers, starts=starts,
                                concurrency=args.clients, timeout=args.timeout)
        joins = await workers.joined(timeout=args.seconds + args.timeout + 60)
        finished = time.time()
        cpu = _load.cpu_seconds(server_pid) - cpu_before
        await asyncio.sleep(args.settle)
        rss_after = _load.rss_bytes(server_pid)
        await workers.collect()
        await screen.close()
        screen_listening.cancel()
    ok = [j.seconds for j in joins if j.ok]
    errors = [j.error for j in joins if not j.ok]
    return {
        "joined": len(ok),
        "failures": len(errors),
        "errors": sorted(set(errors))[:5],
        "usable_page_ms": _load.summary_ms(ok),
        "storm_seconds": round(finished - t0, 2),
        "server_cpu_seconds": round(cpu, 2),
        "rss_before_mb": round(rss_before / 2**20, 1),
        "rss_after_mb": round(rss_after / 2**20, 1),
        "memory_per_tab_kb": round((rss_after - rss_before) / 1024 / len(ok), 1) if ok else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100, help="tabs joining (K)")
    parser.add_argument("--seconds", type=float, default=10.0, help="they all join within this many seconds (T)")
    parser.add_argument("--path", default="/j", help="where a tab starts (/j redirects to /wall)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 2),
                        help="load generator processes")
    parser.add_argument("--timeout", type=float, default=30.0, help="a join slower than this counts as failed")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds after the last join before memory is read")
    parser.add_argument("--database-url", default=None, help="e.g. postgres://...; default: a fresh SQLite file")
    parser.add_argument("--app-dir", type=Path, default=_load.ROOT, help="checkout whose main.py is measured")
    parser.add_argument("--port", type=int, default=8772)
    parser.add_argument("--app-log", type=Path, default=None, help="keep the app's output here")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or _load.RESULTS / f"join_storm-{args.clients}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    result: dict[str, Any] = {
        "benchmark": "join_storm", "clients": args.clients, "seconds": args.seconds, "path": args.path,
        "workers": args.workers, "database": "postgres" if args.database_url else "sqlite",
        "machine": _load.machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="sg-join-") as folder:
        server = _load.start_app(args.port, Path(folder), database_url=args.database_url, app_dir=args.app_dir,
                                 log=args.app_log or Path(folder) / "app.log")
        try:
            result["app"] = asyncio.run(storm(f"http://127.0.0.1:{args.port}", server.pid, args))
        finally:
            _load.stop(server)
    _load.write_result(out, result)
    app = result["app"]
    page = app["usable_page_ms"]
    print(f"join storm {args.clients} tabs in {args.seconds:g} s via {args.path}: joined {app['joined']}, "
          f"failed {app['failures']}, usable page p50 {page['p50']} ms, p95 {page['p95']} ms, max {page['max']} ms, "
          f"CPU {app['server_cpu_seconds']} s, {app['memory_per_tab_kb']} KB/tab")
    print(f"results: {out}")
    sys.exit(0 if app["failures"] == 0 else 1)


if __name__ == "__main__":
    main()
