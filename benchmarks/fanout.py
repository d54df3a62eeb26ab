"""Fan-out: N viewers on /wall (or /screen), M posts at R per second, time from post to every viewer.

Starts the app (`python main.py`, a fresh SQLite database in a temporary folder unless
`--database-url` is given, DEMO=true, POST_RATE_LIMIT=100000), connects N tabs that behave like
browsers (benchmarks/_load.py: page, socket, implicit handshake, pings, acks) from several worker
processes, then a poster tab that loaded /wall sends M posts at R per second through the post
form's "send" event, exactly as post_form.js does. For every post and every viewer it records when
the `run_javascript` message calling `upsert` with the post's text arrived.

In the same run, the same load generator measures a baseline: a bare python-socketio server
(benchmarks/_baseline_server.py, ASGI under uvicorn) broadcasting the same payloads at the same
rate to the same number of tabs. Prints one summary line and writes JSON.

    python benchmarks/fanout.py --clients 1000 --posts 300 --rate 5
    python benchmarks/fanout.py --clients 200 --posts 50 --rate 5 --page /screen --no-baseline
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _load

CONFIRMED = re.compile(rb'runMethod\(\d+, \\"done\\", \[\{\\"ok\\": ?true')  # PostForm.done({ok: true})


async def post_and_measure(base_url: str, server_pid: int, args: argparse.Namespace, run: str) -> dict[str, Any]:
    """Connect the viewers, then the poster; post; wait until everything arrived (or `--drain` passed)."""
    if args.prefill:
        await prefill(base_url, args)
    rss_before = _load.rss_bytes(server_pid)
    workers = _load.Workers(base_url, args.page, args.clients, args.workers, concurrency=args.join_concurrency)
    join_started = time.monotonic()
    joins = await workers.joined(timeout=args.join_timeout)
    join_seconds = time.monotonic() - join_started
    failed = [j.error for j in joins if not j.ok]
    viewers = len(joins) - len(failed)
    await asyncio.sleep(args.settle)  # let the server finish building pages and the outboxes settle
    rss_after = _load.rss_bytes(server_pid)

    done: list[float] = []
    async with _load.new_session() as session:
        poster = _load.Tab(base_url)
        poster.on_frame = lambda frame, at: done.append(at) if CONFIRMED.search(frame) else None
        await poster.join(session, "/wall")
        listening = asyncio.create_task(poster.listen())
        form_id, listener_id, props = poster.page.listener("send")  # type: ignore[union-attr]
        agenda_item = props.get("defaultAgendaItem")
        sent: dict[int, float] = {}
        poster_error = ""
        cpu_before, started = _load.cpu_seconds(server_pid), time.monotonic()
        t0 = time.time() + 0.2
        for number in range(args.posts):
            await asyncio.sleep(max(0.0, t0 + number / args.rate - time.time()))
            text = f"Beitrag bm{run}x{number} aus der Lastmessung: {secrets.token_hex(args.text_bytes)}"
            at = time.time()
            try:
                await poster.emit_element_event(form_id, listener_id, {
                    "text": text, "nickname": f"Last {number % 50}", "agenda_item_id": agenda_item,
                    "key": str(uuid.uuid4()),
                })
            except (aiohttp.ClientError, ConnectionError) as error:  # e.g. an overloaded server missed our pong
                poster_error = f"post {number}: {type(error).__name__}: {error}"[:200]
                break
            sent[number] = at
        expected = viewers * len(sent)
        deadline = time.monotonic() + args.drain
        while workers.received() < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        cpu = _load.cpu_seconds(server_pid) - cpu_before
        busy_seconds = time.monotonic() - started
        await poster.close()
        listening.cancel()
    tabs = await workers.collect()

    latencies: list[float] = []
    delivered = 0
    for tab in tabs:
        if tab is None:
            continue
        for number, at in sent.items():
            arrived = tab.get(f"{run}:{number}")
            if arrived is not None:
                delivered += 1
                latencies.append(arrived - at)
    return {
        "viewers": viewers,
        "disconnected_by_server": sum(1 for tab in tabs if tab is not None and tab.get("closed")),
        "join_failures": len(failed),
        "join_errors": sorted(set(failed))[:5],
        "join_seconds": round(join_seconds, 2),
        "posts": len(sent),
        "poster_error": poster_error,
        "posts_confirmed": len(done),
        "delivered": delivered,
        "expected": expected,
        "latency_ms": _load.summary_ms(latencies),
        "server_cpu_seconds": round(cpu, 2),
        "server_cpu_percent": round(100 * cpu / busy_seconds, 1) if busy_seconds else None,
        "rss_before_mb": round(rss_before / 2**20, 1),
        "rss_after_mb": round(rss_after / 2**20, 1),
        "memory_per_viewer_kb": round((rss_after - rss_before) / 1024 / viewers, 1) if viewers else None,
    }


async def prefill(base_url: str, args: argparse.Namespace) -> None:
    """Post `--prefill` contributions before anyone joins, so every viewer's page starts with a full
    list (as during an event) instead of an empty one."""
    confirmed: list[float] = []
    async with _load.new_session() as session:
        filler = _load.Tab(base_url)
        filler.on_frame = lambda frame, at: confirmed.append(at) if CONFIRMED.search(frame) else None
        await filler.join(session, "/wall")
        listening = asyncio.create_task(filler.listen())
        form_id, listener_id, props = filler.page.listener("send")  # type: ignore[union-attr]
        for number in range(args.prefill):
            await filler.emit_element_event(form_id, listener_id, {
                "text": f"Vorab-Beitrag {number}: {secrets.token_hex(args.text_bytes)}",
                "nickname": f"Vorab {number % 50}", "agenda_item_id": props.get("defaultAgendaItem"),
                "key": str(uuid.uuid4()),
            })
            await asyncio.sleep(0.02)
        deadline = time.monotonic() + 30
        while len(confirmed) < args.prefill and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await filler.close()
        listening.cancel()


def measure(kind: str, args: argparse.Namespace, folder: Path, port: int) -> dict[str, Any]:
    if kind == "app":
        server = _load.start_app(port, folder, database_url=args.database_url, app_dir=args.app_dir,
                                 log=args.app_log or folder / "app.log")
    else:
        server = _load.start_baseline(port, folder)
    try:
        return asyncio.run(post_and_measure(f"http://127.0.0.1:{port}", server.pid, args, secrets.token_hex(3)))
    finally:
        _load.stop(server)


def ratio(app: float | None, baseline: float | None) -> float | None:
    return round(app / baseline, 2) if app is not None and baseline else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200, help="connected viewers (N)")
    parser.add_argument("--posts", type=int, default=50, help="posts (M)")
    parser.add_argument("--rate", type=float, default=5.0, help="posts per second (R)")
    parser.add_argument("--page", default="/wall", choices=["/wall", "/screen"], help="what the viewers open")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 2),
                        help="load generator processes")
    parser.add_argument("--join-concurrency", type=int, default=20, help="page loads at once, per worker")
    parser.add_argument("--join-timeout", type=float, default=600)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds between joining and posting")
    parser.add_argument("--drain", type=float, default=15.0, help="seconds to wait for stragglers after the last post")
    parser.add_argument("--text-bytes", type=int, default=60, help="random bytes per post (hex: twice as many chars)")
    parser.add_argument("--prefill", type=int, default=0,
                        help="contributions posted before the viewers join (a full wall: 30)")
    parser.add_argument("--database-url", default=None, help="e.g. postgres://...; default: a fresh SQLite file")
    parser.add_argument("--app-dir", type=Path, default=_load.ROOT, help="checkout whose main.py is measured")
    parser.add_argument("--port", type=int, default=8770)
    parser.add_argument("--baseline-port", type=int, default=None, help="default: --port + 1")
    parser.add_argument("--no-baseline", action="store_true", help="measure the app only")
    parser.add_argument("--app-log", type=Path, default=None, help="keep the app's output here")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out or _load.RESULTS / f"fanout-{args.page.strip('/')}-{args.clients}-{stamp}.json"
    result: dict[str, Any] = {
        "benchmark": "fanout", "page": args.page, "clients": args.clients, "posts": args.posts, "rate": args.rate,
        "prefill": args.prefill,
        "workers": args.workers, "database": "postgres" if args.database_url else "sqlite",
        "machine": _load.machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="sg-fanout-") as folder:
        result["app"] = measure("app", args, Path(folder), args.port)
        if (log := args.app_log or Path(folder) / "app.log").exists():
            errors = [line for line in log.read_text(errors="replace").splitlines() if "Traceback" in line]
            result["app"]["server_tracebacks"] = len(errors)
        if not args.no_baseline:
            result["baseline"] = measure("baseline", args, Path(folder), args.baseline_port or args.port + 1)
            result["ratio"] = {key: ratio(result["app"]["latency_ms"][key], result["baseline"]["latency_ms"][key])
                               for key in ("p50", "p95", "p99")}
    _load.write_result(out, result)
    app, base = result["app"], result.get("baseline")
    line = (f"fanout {args.page} {app['viewers']}/{args.clients} viewers, {args.posts} posts at {args.rate:g}/s: "
            f"app delivered {app['delivered']}/{app['expected']}, p50 {app['latency_ms']['p50']} ms, "
            f"p95 {app['latency_ms']['p95']} ms, p99 {app['latency_ms']['p99']} ms, max {app['latency_ms']['max']} ms, "
            f"CPU {app['server_cpu_seconds']} s ({app['server_cpu_percent']}%), "
            f"{app['memory_per_viewer_kb']} KB/viewer")
    if base:
        line += (f" | baseline delivered {base['delivered']}/{base['expected']}, p95 {base['latency_ms']['p95']} ms, "
                 f"p99 {base['latency_ms']['p99']} ms, CPU {base['server_cpu_seconds']} s | "
                 f"app/baseline p95 {result['ratio']['p95']}x, p99 {result['ratio']['p99']}x")
    print(line)
    print(f"results: {out}")
    if app["poster_error"] or app["disconnected_by_server"]:
        print(f"app: poster {app['poster_error'] or 'ok'}; {app['disconnected_by_server']} tabs disconnected by the "
              "server", file=sys.stderr)
    complete = (app["delivered"] == app["expected"] and app["viewers"] == args.clients
                and app["posts"] == args.posts and not app["disconnected_by_server"])
    if base:
        complete = complete and base["delivered"] == base["expected"]
    sys.exit(0 if complete else 1)


if __name__ == "__main__":
    main()
