"""Style sheets go once into the shared head, never into each tab's own head.

With a thousand open walls a per-tab `ui.add_css` would hold a thousand copies of the same text
on the server; the shared head holds one and every page's HTML carries it.
"""

from __future__ import annotations

from nicegui import Client
from nicegui.testing import User

from components.shared_css import marker_of
from models.result import Result

# each sheet with one of its own rules, to look for in the tabs' heads
SHEETS = {
    "items": ".sg-delete-yes",
    "wall-list": ".sg-flag[aria-disabled",
    "result-thread": ".sg-thread .sg-sort",
    "results-gallery": ".sg-topic[aria-pressed",
    "screen": "body:has(.sg-screen)",
    "screen-modes": ".sg-mode-qr .sg-screen-main",
}


async def test_each_sheet_is_in_the_shared_head_once_and_in_no_tab_head(user: User, create_user) -> None:
    result_id = (await Result.get(title="Der Wall als Boulevard")).id
    await user.open(f"/results/{result_id}")
    await user.should_see("Kommentieren")
    second = create_user()
    await second.open(f"/results/{result_id}")
    await second.should_see("Kommentieren")
    for path in ("/wall", "/results", "/screen"):
        await create_user().open(path)

    for name, rule in SHEETS.items():
        assert Client.shared_head_html.count(marker_of(name)) == 1, name
        assert Client.shared_head_html.count(rule) >= 1, name
    tabs = [client for client in Client.instances.values() if client.page.path != "/"]
    assert len(tabs) >= 5
    for client in tabs:
        assert not any(rule in client._head_html for rule in SHEETS.values()), client.page.path

    html = (await user.http_client.get(f"/results/{result_id}")).text
    assert html.count(marker_of("result-thread")) == 1 and html.count(marker_of("items")) == 1
