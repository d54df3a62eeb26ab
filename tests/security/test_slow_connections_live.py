"""Issue 19, hardening, against the running app with raw TCP connections: a connection that sends
nothing, or its request head a byte at a time (slowloris), was never closed, so without nginx in
front a few thousand of them exhausted the file descriptors. Now each request head must arrive
within REQUEST_HEAD_TIMEOUT (shortened here), while a websocket that is already open (a tab that
follows the wall for hours) is not affected.
"""

from __future__ import annotations

import asyncio
import socket
import time
from urllib.parse import urlparse

import pytest

from features.system import door
from tests.support.browser import LiveApp
from tests.support.raw_socket import open_tab

DEADLINE = 1.0


@pytest.fixture(autouse=True)
def short_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(door, "REQUEST_HEAD_TIMEOUT", DEADLINE)


def connect(live_app: LiveApp) -> socket.socket:
    address = urlparse(live_app.url)
    connection = socket.create_connection((address.hostname, address.port), timeout=10)
    return connection


def closed_by_server(connection: socket.socket, trickle: bytes = b"", within: float = 10) -> float:
    """Seconds until the server closed the connection (reads b""), sending `trickle` byte by byte
    meanwhile; fails when it stays open for `within` seconds."""
    started = time.monotonic()
    connection.settimeout(0.2)
    pending = list(trickle)
    while time.monotonic() - started < within:
        if pending:
            try:
                connection.send(bytes([pending.pop(0)]))
            except OSError:  # the server closed it
                return time.monotonic() - started
        try:
            if connection.recv(4096) == b"":
                return time.monotonic() - started
        except TimeoutError:
            continue
        except OSError:
            return time.monotonic() - started
    raise AssertionError(f"the server kept the connection open for {within} s")


def test_a_silent_connection_is_closed(live_app: LiveApp) -> None:
    with connect(live_app) as silent:
        assert closed_by_server(silent) < DEADLINE + 5


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(live_app: LiveApp) -> None:
    head = b"GET / HTTP/1.1\r\nHost: localhost\r\n" + b"X-Slow: " + b"a" * 400
    with connect(live_app) as slow:
        assert closed_by_server(slow, trickle=head) < DEADLINE + 5


def test_an_idle_keep_alive_connection_after_a_response_is_closed_and_websockets_stay(live_app: LiveApp) -> None:
    async def follow() -> None:
        tab = await open_tab(live_app.url)  # a tab following the wall over its websocket
        with connect(live_app) as kept:
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            kept.settimeout(10)
            assert kept.recv(4096).startswith(b"HTTP/1.1 200")
            waited = await asyncio.to_thread(closed_by_server, kept)  # idle after its response
            assert waited < door.IDLE_KEEP_ALIVE + 5
        with connect(live_app) as silent:  # one more deadline passes while the tab stays
            await asyncio.to_thread(closed_by_server, silent)
        assert tab.sio.connected
        await tab.close()

    asyncio.run(follow())
