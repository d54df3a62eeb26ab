"""Cheap refusal at the door: no socket.io message larger than the largest legal one.

NiceGUI creates its python-socketio server at import with engine.io's default of 1 MB per
message (`max_http_buffer_size`), and uvicorn takes websocket frames of up to 16 MB. Nothing a
person can legally send comes near that: the longest text anyone types into one field is a
result's text in /admin (`LONGEST_TEXT` characters; every input sends its own message), at most
three bytes a character in UTF-8 JSON, plus the envelope (element, client, event name). A bigger
message is refused by its length before it is decoded: engine.io closes that connection, the
browser's other tabs and every other person are not affected.
"""

from __future__ import annotations

import asyncio
from typing import Any

from nicegui import core
from uvicorn.protocols.http.h11_impl import H11Protocol

from features.admin.event_setup import EVENT_DESCRIPTION_MAX
from features.moderation.filters import MAX_WORD_LENGTH, MAX_WORDS
from features.results.service import RESULT_BODY_MAX_LENGTH

# the longest legal text of one input: the result's text, the event's description, the list of
# blocked words (one per line), the longest post a setting allows (MAX_POST_LENGTH ≤ 5000)
LONGEST_TEXT = max(RESULT_BODY_MAX_LENGTH, EVENT_DESCRIPTION_MAX, MAX_WORDS * (MAX_WORD_LENGTH + 1), 5000)
BYTES_PER_CHARACTER = 3  # UTF-8 of any character a textarea counts as one (astral ones count as two)
ENVELOPE = 4096
MESSAGE_LIMIT = BYTES_PER_CHARACTER * LONGEST_TEXT + ENVELOPE  # 64,096 bytes: "a few tens of KB"


def cap_socket_messages() -> None:
    """Refuse socket.io messages beyond MESSAGE_LIMIT (engine.io reads the limit per message, so
    setting it on the running server works; main.py gives uvicorn the same limit per frame)."""
    core.sio.eio.max_http_buffer_size = MESSAGE_LIMIT


# --- slow and silent connections -----------------------------------------------------------------
# uvicorn closes a keep-alive connection that stays idle after a response (timeout_keep_alive), but a
# connection that never sends a request, or sends its head a byte at a time (slowloris), stays open
# for ever: without nginx in front, a few thousand of them exhaust the file descriptors. Every
# connection must finish a request head within REQUEST_HEAD_TIMEOUT of opening and of each response.
REQUEST_HEAD_TIMEOUT = 10.0  # seconds; a phone on a bad hall WLAN sends its head in well under one
IDLE_KEEP_ALIVE = 5  # seconds a connection may stay idle after a response (uvicorn's timeout_keep_alive)
MAX_REQUEST_HEAD = 16 * 1024  # bytes of request line and headers (h11's limit, stated here)


class TimelyH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline for each request head (a websocket, once
    upgraded, is another protocol's connection and is not affected)."""

    _head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request head arrived and its cycle began
            self._head_arrived()

    def handle_websocket_upgrade(self, event: Any) -> None:
        self._head_arrived()
        super().handle_websocket_upgrade(event)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_arrived()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        self._head_arrived()
        self._head_deadline = self.loop.call_later(REQUEST_HEAD_TIMEOUT, self._head_too_late)

    def _head_arrived(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_late(self) -> None:
        self._head_deadline = None
        if self.transport.get_protocol() is self and not self.transport.is_closing():
            self.transport.close()


def server_limits() -> dict[str, Any]:
    """What main.py gives uvicorn (through ui.run) for connections."""
    return {
        "http": TimelyH11Protocol,
        "timeout_keep_alive": IDLE_KEEP_ALIVE,
        "h11_max_incomplete_event_size": MAX_REQUEST_HEAD,
    }
