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

from nicegui import core

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
