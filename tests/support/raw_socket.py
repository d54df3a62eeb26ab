"""A participant's tab as an attacker drives it: a page load without cookies (so a new browser
id every time) and a raw python-socketio client speaking NiceGUI's protocol, no browser.

The page's `client_id` is read from the HTML; the socket connects with NiceGUI's implicit
handshake (the query nicegui.js sends); an element's event is `event` with the element id, the
listener id and the arguments as JSON strings (nicegui.js's stringifyEventArgs). Which element
and listener to address is looked up on the server (the test runs it in this process), as an
attacker would read it from the page's element tree.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx
import socketio
from nicegui import Client, core

from tests.support.browser import LiveApp

CLIENT_ID = re.compile(r"""['"]client_id['"]:\s*['"]([0-9a-f-]+)['"]""")
SOCKET_PATH = "/_nicegui_ws/socket.io"
T = TypeVar("T")


@dataclass
class RawTab:
    client_id: str
    sio: socketio.AsyncClient
    notes: list[str]  # what the app told this tab (ui.notify), in order

    async def emit(self, element_id: int, listener_id: str, argument: object) -> None:
        await self.sio.emit("event", {
            "id": element_id, "client_id": self.client_id, "listener_id": listener_id,
            "args": [json.dumps(argument)],
        })

    async def close(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()


async def open_tab(url: str, path: str = "/wall") -> RawTab:
    """GET the page without cookies and connect its socket (the handshake is done on return)."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        page = await http.get(path)
    page.raise_for_status()
    match = CLIENT_ID.search(page.text)
    assert match, "no client_id in the page"
    client_id = match.group(1)
    query = {"client_id": client_id, "implicit_handshake": "true", "tab_id": str(uuid.uuid4()),
             "document_id": str(uuid.uuid4())}
    sio = socketio.AsyncClient(reconnection=False)
    notes: list[str] = []
    sio.on("notify", lambda options: notes.append(str(options.get("message", ""))))
    await sio.connect(f"{url}?{urlencode(query)}", socketio_path=SOCKET_PATH, transports=["websocket"],
                      wait_timeout=20)
    return RawTab(client_id, sio, notes)


def listener(app: LiveApp, client_id: str, kind: type, event: str) -> tuple[int, str]:
    """The element id and listener id of `event` on the (first) element of `kind` in that tab."""

    async def look() -> tuple[int, str]:
        client = Client.instances[client_id]
        element = next(item for item in client.elements.values() if isinstance(item, kind))
        found = next(item for item in element._event_listeners.values() if item.type == event)
        return element.id, found.id

    return app.call(look())


async def _awaited(make: Callable[[], Awaitable[T]]) -> T:
    return await make()


def server_side(make: Callable[[], Awaitable[T]]) -> Coroutine[Any, Any, T]:
    """A coroutine that builds and awaits `make()` (a query) where it runs, for `LiveApp.call`:
    a query built in the test's thread would open a second database connection there."""
    return _awaited(make)


async def on_server(make: Callable[[], Awaitable[T]]) -> T:
    """Build and await `make()` on the app's event loop (its database) without blocking this one."""
    assert core.loop is not None
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(_awaited(make), core.loop))


async def until(condition: Callable[[], Awaitable[bool]], timeout: float = 20) -> bool:
    """True as soon as `await condition()` holds (asked every 50 ms), False after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if await condition():
            return True
        await asyncio.sleep(0.05)
    return await condition()
