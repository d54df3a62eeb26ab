"""Poll storm: N viewers on /wall, A browsers answer the open poll within S seconds, posts during it.

Starts the app (`python main.py`, fresh SQLite unless `--database-url`, DEMO=true: the demo's poll
for the item on stage is open), connects N viewer tabs (benchmarks/_load.py, several worker
processes) and A answering tabs (they loaded /wall too, so they are real browsers of the poll's
form), then:

1. before the storm, a poster sends P wall posts at R per second: the time from post to every
   viewer is the *calm* latency;
2. the A tabs answer the open poll (the form's "submit" event, exactly as the browser's form
   sends it), spread evenly over S seconds, while the poster sends P more posts: the *storm*
   latency;
3. every viewer must then show the final result: the results table's caption with exactly A
   answers ("(A Antworten)"), which also proves every answer was stored exactly once.

Prints one summary line and writes JSON: answers confirmed, viewers that showed the final result,
how long after the last answer (p50/p95/max), post latency calm and during the storm and their
ratio (the issue's target: storm p95 ≤ 1.5 × calm p95; final result ≤ 2 s after the last answer).

    python benchmarks/poll_storm.py --viewers 2000 --answers 1000 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _load

SAVED = b"Ihre Antwort ist gespeichert"


def answer_payload(page: _load.Page, number: int) -> tuple[int, str, dict[str, Any]]:
    """The poll form's listener and what a browser would send for the open poll's kind."""
    form_id, listener_id, _ = page.listener("submit")
    choices: list[int] = []
    order: list[int] = []
    values: list[str] = []
    words = False
    for element in page.elements.values():
        props = element.get("props", {})
        if props.get("name") == "choice":
            choices.append(int(props["value"]))
        elif props.get("name") == "value":
            values.append(str(props["value"]))
        elif props.get("name") == "words":
            words = True
        if "data-option" in props:
            order.append(int(props["data-option"]))
    payload: dict[str, Any] = {"choices": [], "order": [], "value": None, "words": ""}
    if choices:
        payload["choices"] = [choices[number % len(choices)]]
    elif order:
        payload["order"] = order[number % len(order):] + order[: number % len(order)]
    elif values:
        payload["value"] = values[number % len(values)]
    elif words:
        payload["words"] = f"Wort {number % 25}"
    else:
        raise _load.JoinError("the poll form has no answer controls")
    return form_id, listener_id, payload


async def send_posts(poster: _load.Tab, run: str, count: int, rate: float, first: int) -> dict[int, float]:
    form_id, listener_id, props = poster.page.listener("send")  # type: ignore[union-attr]
    sent: dict[int, float] = {}
    t0 = time.time()
    for offset in range(count):
        await asyncio.sleep(max(0.0, t0 + offset / rate - time.time()))
        number = first + offset
        sent[number] = time.time()
        await poster.emit_element_event(form_id, listener_id, {
            "text": f"Beitrag bm{run}x{number} während der Umfrage", "nickname": "Last",
            "agenda_item_id": props.get("defaultAgendaItem"), "key": str(uuid.uuid4()),
        })
    return sent


def _profiler(server_pid: int, out: Path | None) -> subprocess.Popen[bytes] | None:
    """py-spy sampling the server during the storm only (collapsed stacks, for grep or a flame graph)."""
    if out is None:
        return None
    return subprocess.Popen(["py-spy", "record", "--pid", str(server_pid), "--format", "raw", "--nonblocking",
                             "--rate", "200", "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _phase(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


async def storm(base_url: str, server_pid: int, args: argparse.Namespace) -> dict[str, Any]:
    run = secrets.token_hex(3)
    watch = f"({args.answers} Antworten)".encode()
    viewers = _load.Workers(base_url, "/wall", args.viewers, args.workers, concurrency=args.join_concurrency,
                            watch=watch)
    joins = await viewers.joined(timeout=args.join_timeout)
    joined = sum(1 for join in joins if join.ok)
    _phase(f"{joined} viewers joined")
    confirmed: list[float] = []
    async with _load.new_session() as session:
        answerers = [_load.Tab(base_url) for _ in range(args.answers)]
        for tab in answerers:
            tab.on_frame = lambda frame, at: confirmed.append(at) if SAVED in frame else None
        gate = asyncio.Semaphore(args.join_concurrency)
        listeners: list[asyncio.Task[None]] = []

        async def join(tab: _load.Tab) -> None:
            async with gate:
                await tab.join(session, "/wall")
            # listen (and so answer the server's pings) at once: a tab that waited for the other
            # 999 joins would miss its pings and be disconnected before it answers
            listeners.append(asyncio.create_task(tab.listen()))

        await asyncio.gather(*(join(tab) for tab in answerers))

        async def acknowledge() -> None:  # as nicegui.js does, so the server may drop what arrived
            while True:
                await asyncio.sleep(_load.ACK_INTERVAL)
                await asyncio.gather(*(tab.ack() for tab in answerers), return_exceptions=True)

        listeners.append(asyncio.create_task(acknowledge()))
        _phase(f"{len(answerers)} answering tabs joined")
        poster = _load.Tab(base_url)
        await poster.join(session, "/wall")
        listeners.append(asyncio.create_task(poster.listen()))
        await asyncio.sleep(args.settle)

        calm = await send_posts(poster, run, args.posts, args.rate, 0)
        _phase(f"calm posts sent, {viewers.received()} arrivals so far; closed answering tabs: "
               f"{sum(1 for tab in answerers if tab.ws is None or tab.ws.closed)}")
        await asyncio.sleep(args.settle)

        profiler = _profiler(server_pid, args.profile)
        cpu_before = _load.cpu_seconds(server_pid)
        t0 = time.time() + 0.2
        payloads = [answer_payload(tab.page, number) for number, tab in enumerate(answerers)]  # type: ignore[arg-type]

        async def answer(number: int) -> float:
            await asyncio.sleep(max(0.0, t0 + number * args.seconds / args.answers - time.time()))
            form_id, listener_id, payload = payloads[number]
            await answerers[number].emit_element_event(form_id, listener_id, payload)
            return time.time()

        posting = asyncio.create_task(send_posts(poster, run, args.posts, args.rate, args.posts))
        answered = await asyncio.gather(*(answer(n) for n in range(args.answers)), return_exceptions=True)
        during = await posting
        last_answer = max((at for at in answered if isinstance(at, float)), default=time.time())
        deadline = time.monotonic() + args.drain
        while time.monotonic() < deadline and (
            len(confirmed) < args.answers or viewers.received() < joined * (2 * args.posts + 1)
        ):
            await asyncio.sleep(0.1)
        cpu = _load.cpu_seconds(server_pid) - cpu_before
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)  # py-spy writes its samples on SIGINT
            profiler.wait(timeout=60)
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*(tab.close() for tab in [*answerers, poster]), return_exceptions=True)
    tabs = await viewers.collect()

    final_after: list[float] = []
    calm_latency: list[float] = []
    storm_latency: list[float] = []
    for tab in tabs:
        if tab is None:
            continue
        if (seen := tab.get("watch:0")) is not None:
            final_after.append(max(0.0, seen - last_answer))
        for number, at in calm.items():
            if (arrived := tab.get(f"{run}:{number}")) is not None:
                calm_latency.append(arrived - at)
        for number, at in during.items():
            if (arrived := tab.get(f"{run}:{number}")) is not None:
                storm_latency.append(arrived - at)
    calm_ms, storm_ms = _load.summary_ms(calm_latency), _load.summary_ms(storm_latency)
    return {
        "viewers": joined,
        "join_failures": len(joins) - joined,
        "answers_sent": sum(1 for at in answered if isinstance(at, float)),
        "answers_confirmed": len(confirmed),
        "viewers_with_final_result": len(final_after),
        "final_result_after_last_answer_ms": _load.summary_ms(final_after),
        "posts_calm_delivered": len(calm_latency),
        "posts_storm_delivered": len(storm_latency),
        "posts_expected_each": joined * args.posts,
        "post_latency_calm_ms": calm_ms,
        "post_latency_storm_ms": storm_ms,
        "storm_over_calm_p95": round(storm_ms["p95"] / calm_ms["p95"], 2)
        if storm_ms["p95"] and calm_ms["p95"] else None,
        "server_cpu_seconds_storm": round(cpu, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=200, help="connected viewers (N)")
    parser.add_argument("--answers", type=int, default=100, help="browsers that answer (A)")
    parser.add_argument("--seconds", type=float, default=10.0, help="the answers are spread over this long (S)")
    parser.add_argument("--posts", type=int, default=10, help="wall posts before and again during the storm (P)")
    parser.add_argument("--rate", type=float, default=2.0, help="posts per second (R)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 2), help="load generator processes")
    parser.add_argument("--join-concurrency", type=int, default=20, help="page loads at once, per worker")
    parser.add_argument("--join-timeout", type=float, default=900)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds of quiet between the phases")
    parser.add_argument("--drain", type=float, default=20.0, help="seconds to wait for the final result")
    parser.add_argument("--database-url", default=None, help="e.g. postgres://...; default: a fresh SQLite file")
    parser.add_argument("--app-dir", type=Path, default=_load.ROOT, help="checkout whose main.py is measured")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--profile", type=Path, default=None, help="write a py-spy profile of the storm here")
    args = parser.parse_args()
    out = args.out or _load.RESULTS / f"poll-storm-{args.viewers}-{args.answers}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    result: dict[str, Any] = {
        "benchmark": "poll_storm", "viewers": args.viewers, "answers": args.answers, "seconds": args.seconds,
        "posts": args.posts, "rate": args.rate, "workers": args.workers,
        "database": "postgres" if args.database_url else "sqlite",
        "machine": _load.machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="sg-poll-storm-") as folder:
        log = Path(folder) / "app.log"
        server = _load.start_app(args.port, Path(folder), database_url=args.database_url, app_dir=args.app_dir,
                                 log=log, extra_env={"POLL_RATE_LIMIT": "100000"})
        try:
            result["app"] = asyncio.run(storm(f"http://127.0.0.1:{args.port}", server.pid, args))
        except (aiohttp.ClientError, _load.JoinError) as error:
            raise SystemExit(f"poll storm: {type(error).__name__}: {error}") from None
        finally:
            _load.stop(server)
            shutil.copyfile(log, out.with_suffix(".app.log"))  # what the server said, for a run that fell short
        result["app"]["server_tracebacks"] = sum(
            1 for line in log.read_text(errors="replace").splitlines() if re.search(r"Traceback", line)
        )
    _load.write_result(out, result)
    app = result["app"]
    print(
        f"poll storm {app['viewers']}/{args.viewers} viewers, {args.answers} answers in {args.seconds:g} s: "
        f"confirmed {app['answers_confirmed']}, final result on {app['viewers_with_final_result']} viewers, "
        f"p95 {app['final_result_after_last_answer_ms']['p95']} ms after the last answer; "
        f"posts p95 calm {app['post_latency_calm_ms']['p95']} ms, storm {app['post_latency_storm_ms']['p95']} ms "
        f"({app['storm_over_calm_p95']}x); CPU in the storm {app['server_cpu_seconds_storm']} s"
    )
    print(f"results: {out}")
    complete = (
        app["answers_confirmed"] == args.answers and app["viewers_with_final_result"] == app["viewers"] == args.viewers
        and app["posts_calm_delivered"] == app["posts_storm_delivered"] == app["posts_expected_each"]
    )
    sys.exit(0 if complete else 1)


if __name__ == "__main__":
    main()
