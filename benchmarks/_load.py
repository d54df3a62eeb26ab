"""Shared parts of the load benchmarks: start a server, read its CPU and memory, and clients that
behave like a browser tab of the app.

A `Tab` does what a browser does with a NiceGUI page, without rendering it:

1. GET the page and read what `templates/index.html` embeds: the socket query (`client_id`,
   `next_message_id`, `implicit_handshake`) and the element tree (`parseElements(...)`);
2. open the Socket.IO connection at `/_nicegui_ws/socket.io` over a WebSocket (Engine.IO 4,
   Socket.IO 5) with the query nicegui.js sends (plus its `document_id` and `tab_id`); the
   server's `connect` handler performs the implicit handshake and answers `40` (or `44` when it
   refused);
3. answer the server's pings, and acknowledge received messages every 3 s like nicegui.js's `ack()`;
4. emit element events as `42["event", {id, client_id, listener_id, args}]`, `args` being a list
   of JSON strings (nicegui.js's `stringifyEventArgs`).

Messages are not parsed: a tab only looks for benchmark markers (`MARKER`) in the raw frames of
`run_javascript` messages and notes when each one first arrived (`time.time()`, the one clock all
processes of this machine share).

The load generator runs in several worker processes (`run_workers`), each an asyncio loop (uvloop)
with many tabs on one aiohttp session, so it stays cheap next to the server on a small machine.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SOCKET_PATH = "/_nicegui_ws/socket.io/"
MARKER = re.compile(rb"bm([0-9a-f]{6})x(\d+)")
MESSAGE_ID = re.compile(rb'"_id":(\d+)')
QUERY = re.compile(r"query: (\{.*?\}),\n")
ELEMENTS = re.compile(r"parseElements\(String\.raw`(.*?)`\)", re.S)
UNESCAPE = (("&#36;", "$"), ("&#96;", "`"), ("&gt;", ">"), ("&lt;", "<"), ("&amp;", "&"))
ACK_INTERVAL = 3.0  # nicegui.js: setInterval(() => ack(), 3000)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- the server under test ------------------------------------------------------------------------
def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60, log: Path | None = None) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:]) if log and log.exists() else ""
            raise SystemExit(f"the server exited with {process.returncode} before it answered {url}\n{tail}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not answer {url} within {timeout:.0f} s")


def require_free(port: int) -> None:
    """Refuse to start on a port another server holds: its /healthz would be measured instead."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no owner
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(f"port {port} is in use; choose another with --port") from None


def start_app(port: int, folder: Path, *, database_url: str | None = None, app_dir: Path = ROOT,
              log: Path | None = None, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """`python main.py` on `port` with its data in `folder` (a fresh SQLite file unless told otherwise).

    Every benchmark starts the app through here; `extra_env` adds or overrides settings."""
    require_free(port)
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}  # NiceGUI's test mode
    env = {
        **inherited, "PORT": str(port), "HOST": "127.0.0.1", "DATA_DIR": str(folder / "data"),
        "DATABASE_URL": database_url or f"sqlite://{folder / 'bench.sqlite3'}", "POST_RATE_LIMIT": "100000",
        "VOTE_RATE_LIMIT": "100000", "DEMO": "true", "NICEGUI_STORAGE_PATH": str(folder / f"nicegui-{port}"),
        **(extra_env or {}),
    }
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (handed to the child)
    process = subprocess.Popen([sys.executable, str(app_dir / "main.py")], env=env, cwd=folder,
                               stdout=output, stderr=subprocess.STDOUT)
    wait_healthy(f"http://127.0.0.1:{port}/healthz", process, log=log)
    return process


def start_baseline(port: int, folder: Path) -> subprocess.Popen[bytes]:
    """The bare python-socketio server of `_baseline_server.py`, in its own process."""
    require_free(port)
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("_baseline_server.py")),
                                "--port", str(port)], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0]
    return (f"{platform.machine()}, {os.cpu_count()} cores {model}, Python {platform.python_version()}, "
            f"load average {load:.1f} at start")


# --- one browser tab ----------------------------------------------------------------------------------
class JoinError(Exception):
    pass


@dataclass
class Page:
    client_id: str
    query: dict[str, Any]
    elements: dict[str, Any]

    def listener(self, event_type: str) -> tuple[int, str, dict[str, Any]]:
        """The element listening to `event_type`: its id, the listener id and its props."""
        for element_id, element in self.elements.items():
            for event in element.get("events", ()):
                if event["type"] == event_type:
                    return int(element_id), event["listener_id"], element.get("props", {})
        raise JoinError(f"no element listens to {event_type!r}")


def parse_page(html: str) -> Page:
    """What nicegui.js reads from the page: the socket query and the element tree."""
    query_match, elements_match = QUERY.search(html), ELEMENTS.search(html)
    if query_match is None or elements_match is None:
        raise JoinError("not a NiceGUI page")
    query = ast.literal_eval(query_match.group(1))  # the template writes a Python dict literal
    raw = elements_match.group(1)
    for escaped, plain in UNESCAPE:
        raw = raw.replace(escaped, plain)
    return Page(str(query["client_id"]), query, json.loads(raw))


@dataclass
class Tab:
    base_url: str
    received: dict[tuple[str, int], float] = field(default_factory=dict)  # (run, post number) -> arrival
    page: Page | None = None
    ws: aiohttp.ClientWebSocketResponse | None = None
    next_message_id: int = 0
    acked_message_id: int = -1
    on_frame: Any = None  # optional callback(bytes) for every socket.io event frame
    watch: bytes | None = None  # when a frame first contains this, it is recorded as ("watch", 0)

    async def join(self, session: aiohttp.ClientSession, path: str, timeout: float = 30) -> None:
        """Load the page and connect its socket; returns once the server accepted the handshake."""
        async with asyncio.timeout(timeout):
            headers: dict[str, str] = {}
            while True:  # follow redirects by hand, keeping this tab's cookies (the session keeps none)
                async with session.get(self.base_url + path, headers=headers, allow_redirects=False) as response:
                    if response.status in (301, 302, 303, 307, 308):
                        path = response.headers["Location"]
                        cookies = [c.split(";", 1)[0] for c in response.headers.getall("Set-Cookie", [])]
                        if cookies:
                            headers["Cookie"] = "; ".join(cookies)
                        continue
                    if response.status != 200:
                        raise JoinError(f"GET {path}: HTTP {response.status}")
                    html = await response.text()
                    break
            self.page = parse_page(html)
            self.next_message_id = int(self.page.query.get("next_message_id", 0))
            query = {
                **{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in self.page.query.items()},
                "document_id": str(uuid.uuid4()), "tab_id": str(uuid.uuid4()), "EIO": "4", "transport": "websocket",
            }
            ws_url = self.base_url.replace("http", "ws", 1) + SOCKET_PATH
            self.ws = await session.ws_connect(ws_url, params=query, max_msg_size=0)
            opened = await self.ws.receive()
            if opened.type != aiohttp.WSMsgType.TEXT or not opened.data.startswith("0"):
                raise JoinError(f"no Engine.IO open packet: {opened.data!r}")
            await self.ws.send_str("40")
            while True:
                message = await self.ws.receive()
                if message.type != aiohttp.WSMsgType.TEXT:
                    raise JoinError(f"socket closed during the handshake ({message.type.name})")
                if message.data.startswith("40"):
                    return
                if message.data.startswith("44"):
                    raise JoinError(f"handshake refused: {message.data[2:]}")
                await self._handle(message.data.encode())

    async def listen(self) -> None:
        """Read frames until the socket closes."""
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                await self._handle(message.data.encode())
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break

    async def _handle(self, frame: bytes) -> None:
        if frame == b"2":  # Engine.IO ping
            assert self.ws is not None
            await self.ws.send_str("3")
            return
        if not frame.startswith(b"42"):
            return
        now = time.time()
        if (found := MESSAGE_ID.search(frame)) is not None:
            self.next_message_id = int(found.group(1)) + 1
        if frame.startswith(b'42["run_javascript"'):
            for run, number in MARKER.findall(frame):
                self.received.setdefault((run.decode(), int(number)), now)
        if self.watch is not None and self.watch in frame:
            self.received.setdefault(("watch", 0), now)
        if self.on_frame is not None:
            self.on_frame(frame, now)

    async def emit(self, event: str, data: Any) -> None:
        assert self.ws is not None
        await self.ws.send_str("42" + json.dumps([event, data], separators=(",", ":")))

    async def emit_element_event(self, element_id: int, listener_id: str, *args: Any) -> None:
        """What nicegui.js sends when a component `$emit`s an event the server listens to."""
        assert self.page is not None
        await self.emit("event", {"id": element_id, "client_id": self.page.client_id, "listener_id": listener_id,
                                  "args": [json.dumps(arg) for arg in args]})

    async def ack(self) -> None:
        if self.page is None or self.ws is None or self.ws.closed or self.acked_message_id >= self.next_message_id:
            return
        await self.emit("ack", {"client_id": self.page.client_id, "next_message_id": self.next_message_id})
        self.acked_message_id = self.next_message_id

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            with contextlib.suppress(Exception):
                await self.ws.close()


def new_session() -> aiohttp.ClientSession:
    """One session per worker process: no connection limit, no shared cookies (each tab is a new browser).

    Every request and every socket gets a connection of its own, as a browser's WebSocket does. (A
    WebSocket on the pooled keep-alive connection of the page's GET was closed by the server a few
    seconds later, silently losing its messages; browsers never do that.)
    """
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, force_close=True),
                                 cookie_jar=aiohttp.DummyCookieJar())


# --- worker processes ---------------------------------------------------------------------------------
@dataclass
class Join:
    ok: bool
    seconds: float
    error: str = ""


async def _worker(pipe: Connection, base_url: str, path: str, starts: list[float | None], concurrency: int,
                  timeout: float, watch: bytes | None = None) -> None:
    """Join this worker's tabs (each at its start time, or as fast as `concurrency` allows), report,
    keep them listening and acknowledging, report progress, and hand over what arrived on "stop"."""
    tabs = [Tab(base_url, watch=watch) for _ in starts]
    joins: list[Join | None] = [None] * len(tabs)
    gate = asyncio.Semaphore(concurrency)
    listeners: list[asyncio.Task[None]] = []
    async with new_session() as session:

        async def join(index: int, start: float | None) -> None:
            if start is not None:
                await asyncio.sleep(max(0.0, start - time.time()))
            async with gate:
                began = time.time()
                try:
                    await tabs[index].join(session, path, timeout)
                    joins[index] = Join(True, time.time() - began)
                    listeners.append(asyncio.create_task(tabs[index].listen()))
                except (JoinError, aiohttp.ClientError, TimeoutError, OSError) as error:
                    joins[index] = Join(False, time.time() - began, f"{type(error).__name__}: {error}"[:200])

        await asyncio.gather(*(join(i, start) for i, start in enumerate(starts)))
        pipe.send(("joined", [(j.ok, j.seconds, j.error) for j in joins if j is not None]))

        async def acknowledge() -> None:
            while True:
                await asyncio.sleep(ACK_INTERVAL)
                await asyncio.gather(*(tab.ack() for tab in tabs), return_exceptions=True)

        acker = asyncio.create_task(acknowledge())
        while not pipe.poll():
            pipe.send(("progress", sum(len(tab.received) for tab in tabs)))
            await asyncio.sleep(0.25)
        pipe.recv()
        acker.cancel()
        pipe.send(("result", [{f"{run}:{number}": at for (run, number), at in tab.received.items()}
                              | {"closed": float(tab.ws is not None and tab.ws.closed)}
                              if joins[i] and joins[i].ok else None for i, tab in enumerate(tabs)]))
        await asyncio.gather(*(tab.close() for tab in tabs))
        for listener in listeners:
            listener.cancel()


def _worker_main(pipe: Connection, *args: Any) -> None:
    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()
    asyncio.run(_worker(pipe, *args))


class Workers:
    """`count` tabs of `path`, spread over `processes` worker processes."""

    def __init__(self, base_url: str, path: str, count: int, processes: int, *, starts: list[float] | None = None,
                 concurrency: int = 25, timeout: float = 60, watch: bytes | None = None) -> None:
        context = multiprocessing.get_context("spawn")  # no inherited event loop or server handles
        self.pipes: list[Connection] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []
        processes = max(1, min(processes, count))
        for number in range(processes):
            mine = list(range(number, count, processes))
            mine_starts = [starts[i] for i in mine] if starts else [None] * len(mine)
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_worker_main, daemon=True, args=(
                child_end, base_url, path, mine_starts, concurrency, timeout, watch))
            process.start()
            self.pipes.append(parent_end)
            self.processes.append(process)
        self._progress = [0] * len(self.pipes)
        self._joined: list[list[tuple[bool, float, str]] | None] = [None] * len(self.pipes)
        self._result: list[list[dict[str, float] | None] | None] = [None] * len(self.pipes)

    def _read(self, index: int) -> None:
        pipe = self.pipes[index]
        while not pipe.closed and pipe.poll():
            try:
                kind, value = pipe.recv()
            except EOFError:  # the worker is gone (it exits after handing over its result)
                pipe.close()
                if self._joined[index] is None:
                    raise SystemExit(f"load generator worker {index} died (see its traceback above)") from None
                return
            if kind == "joined":
                self._joined[index] = value
            elif kind == "progress":
                self._progress[index] = value
            elif kind == "result":
                self._result[index] = value

    def poll(self) -> None:
        for index in range(len(self.pipes)):
            self._read(index)

    async def joined(self, timeout: float) -> list[Join]:
        deadline = time.monotonic() + timeout
        while any(j is None for j in self._joined):
            if time.monotonic() > deadline:
                raise SystemExit("the load generator's tabs did not finish joining in time")
            self.poll()
            await asyncio.sleep(0.05)
        return [Join(*j) for part in self._joined for j in part or ()]

    def received(self) -> int:
        self.poll()
        return sum(self._progress)

    async def collect(self, timeout: float = 120) -> list[dict[str, float] | None]:
        """Stop listening and gather, per tab, when each marker arrived (None for a tab that failed to join)."""
        for pipe in self.pipes:
            pipe.send("stop")
        deadline = time.monotonic() + timeout
        while any(r is None for r in self._result) and time.monotonic() < deadline:
            self.poll()
            await asyncio.sleep(0.05)
        for process in self.processes:
            process.join(10)
            if process.is_alive():
                process.kill()
        return [tab for part in self._result for tab in part or ()]


# --- figures ---------------------------------------------------------------------------------------------
def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (None when there is nothing to rank)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(fraction * len(ordered)))) - 1]


def summary_ms(seconds: list[float]) -> dict[str, float | None]:
    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    return {
        "p50": ms(statistics.median(seconds)) if seconds else None,
        "p95": ms(percentile(seconds, 0.95)),
        "p99": ms(percentile(seconds, 0.99)),
        "max": ms(max(seconds)) if seconds else None,
    }


def write_result(out: Path, result: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
