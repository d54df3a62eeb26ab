"""The baseline for benchmarks/fanout.py: a bare python-socketio server (ASGI under uvicorn) that
does the least any Socket.IO app can do for a post: broadcast it once to every connected tab.

It speaks to the same load generator as the app: GET /wall (or /screen, /j) returns a page with the
same embedded socket query and a one-element tree whose post form listens to "send"; the socket
lives at /_nicegui_ws/socket.io and accepts NiceGUI's implicit handshake (a known client_id). A
"send" event is answered like the app answers it: one `run_javascript` message with
`runMethod(<list>, "upsert", [view])` to every tab (encoded once, python-socketio's broadcast) and
a `done` to the poster. No database, no element tree, no per-tab outbox. Same uvicorn WebSocket
implementation (wsproto) and Engine.IO ping settings as NiceGUI.

    python benchmarks/_baseline_server.py --port 8766
"""

from __future__ import annotations

import argparse
import json
import urllib.parse
import uuid
from datetime import UTC, datetime
from typing import Any

import socketio
import uvicorn

FORM_ID, LIST_ID = 21, 28
sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins="*", ping_interval=4, ping_timeout=2)
pages: set[str] = set()
state = {"next_id": 1, "message_id": 0}


def page() -> str:
    client_id = str(uuid.uuid4())
    pages.add(client_id)
    query = {"client_id": client_id, "next_message_id": 0, "implicit_handshake": True}
    elements = {str(FORM_ID): {"tag": "nicegui-post_form", "props": {"defaultAgendaItem": 2},
                               "events": [{"type": "send", "listener_id": str(uuid.uuid4()), "args": None}]}}
    return (f"<!DOCTYPE html><html><body><script>const app = createApp(parseElements(String.raw`"
            f"{json.dumps(elements)}`), {{\n        query: {query!r},\n      }});</script></body></html>")


async def http(scope: dict[str, Any], receive: Any, send: Any) -> None:
    path = scope["path"]
    if path in ("/wall", "/screen"):
        body, status, content_type = page().encode(), 200, b"text/html; charset=utf-8"
    elif path == "/healthz":
        body, status, content_type = json.dumps({"status": "ok", "connected_clients": len(pages)}).encode(), 200, \
            b"application/json"
    elif path == "/j":
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", b"/wall"), (b"set-cookie", b"sg_channel=hall; Path=/")]})
        await send({"type": "http.response.body", "body": b""})
        return
    else:
        body, status, content_type = b"not found", 404, b"text/plain"
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", content_type)]})
    await send({"type": "http.response.body", "body": body})


@sio.on("connect")
async def connect(sid: str, environ: dict[str, Any], _: Any = None) -> None:
    query = dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", "")))
    if query.get("client_id") not in pages:
        raise socketio.exceptions.ConnectionRefusedError("Implicit handshake failed")


@sio.on("event")
async def event(sid: str, msg: dict[str, Any]) -> None:
    payload = json.loads(msg["args"][0])
    now = datetime.now(UTC)
    view = {
        "id": state["next_id"], "text": payload.get("text", ""), "nickname": payload.get("nickname", ""),
        "channel": "online", "status": "published", "highlighted": False, "answered": False, "votes": 0,
        "agenda_item_id": payload.get("agenda_item_id"), "created_at": now.isoformat(), "time": now.strftime("%H:%M"),
        "kind": "wall", "title": "", "parent_id": None, "result_id": None, "date": now.strftime("%d.%m."),
    }
    state["next_id"] += 1
    state["message_id"] += 1
    code = f"return runMethod({LIST_ID}, {json.dumps('upsert')}, {json.dumps([view])})"
    await sio.emit("run_javascript", {"code": code, "_id": state["message_id"]})
    done = f"return runMethod({FORM_ID}, \"done\", {json.dumps([{'ok': True, 'message': 'Gesendet.'}])})"
    await sio.emit("run_javascript", {"code": done, "_id": state["message_id"]}, to=sid)


@sio.on("ack")
async def ack(sid: str, msg: dict[str, Any]) -> None:
    return None


app = socketio.ASGIApp(sio, other_asgi_app=http, socketio_path="/_nicegui_ws/socket.io")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", ws="wsproto")  # as NiceGUI runs it


if __name__ == "__main__":
    main()
