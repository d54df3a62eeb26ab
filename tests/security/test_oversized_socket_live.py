"""Issue 19, finding 3, against the running app with raw socket.io clients: one socket must not
be able to keep the server busy. Before, socket.io took messages of up to 1 MB, and a post of
990,000 characters was cleaned before its length and the rate limit were checked: 20 of them
cost 2.2 s of server CPU, 100 kept it busy for 10 s.

Now a message beyond what the largest legal text needs is refused at the door (the connection
that sent it is closed), and another tab posts as if nothing happened. The CPU time is the whole
test process's (the server runs in it), measured around sending the 20 messages.
"""

from __future__ import annotations

import asyncio
import time

from components.post_form import PostForm
from models.contribution import Contribution
from tests.support.browser import LiveApp
from tests.support.raw_socket import RawTab, listener, on_server, open_tab, server_side, until

HUGE = "x" * 990_000


async def send_post(live_app: LiveApp, tab: RawTab, text: str, key: str) -> None:
    element_id, listener_id = await asyncio.to_thread(listener, live_app, tab.client_id, PostForm, "send")
    await tab.emit(element_id, listener_id, {"text": text, "nickname": "", "key": key})


def test_twenty_oversized_messages_cost_under_a_second_and_another_tab_posts_unaffected(live_app: LiveApp) -> None:
    async def attack() -> float:
        flood = [await open_tab(live_app.url) for _ in range(20)]
        other = await open_tab(live_app.url)
        addresses = [await asyncio.to_thread(listener, live_app, tab.client_id, PostForm, "send") for tab in flood]
        started = time.process_time()
        for tab, (element_id, listener_id) in zip(flood, addresses, strict=True):
            await tab.emit(element_id, listener_id, {"text": HUGE, "nickname": "", "key": f"huge-{tab.client_id}"})

        async def all_refused() -> bool:  # the server closed each connection that sent one
            return not any(tab.sio.connected for tab in flood)

        refused = await until(all_refused)
        spent = time.process_time() - started
        assert refused, "the server took the oversized messages"
        await send_post(live_app, other, "Ich schreibe ganz normal weiter", "normal-1")

        async def stored() -> bool:
            return await on_server(lambda: Contribution.filter(text="Ich schreibe ganz normal weiter").exists())

        assert await until(stored)
        assert other.sio.connected
        await other.close()
        return spent

    spent = asyncio.run(attack())
    assert spent < 1.0, f"20 oversized messages cost {spent:.2f} s of CPU"
    assert live_app.call(server_side(lambda: Contribution.filter(text__startswith="xxxx").count())) == 0
