"""Who a participant is: the anonymous id of their browser, one for the wall and the result pages
(votes are one per browser id per item, so both must ask the same).

A page that asks for the id is one where the browser flags and supports, so asking also tells
features.contributions.standing when this page's live connection opens and closes: an id that
held a page open for a while counts fully for flags and support, a freshly minted one does not.
That is once per connection, never per message.
"""

from __future__ import annotations

from nicegui import Client, app, ui

from features.contributions.standing import page_closed, page_opened

_WATCHED = "_sg_presence_watched"  # set on a client whose connection is followed already


def browser_id() -> str:
    """The anonymous id of this browser (NiceGUI's signed browser storage): no account, no name."""
    identity = str(app.storage.browser["id"])
    _follow_presence(ui.context.client, identity)
    return identity


def _follow_presence(client: Client, identity: str) -> None:
    """Count this page's open connection towards `identity` being established."""
    if getattr(client, _WATCHED, False):
        return
    setattr(client, _WATCHED, True)
    page = client.id

    def opened() -> None:
        page_opened(identity, page)

    def closed() -> None:
        if not client.has_socket_connection:  # the last socket of the page went
            page_closed(identity, page)

    client.on_connect(opened)
    client.on_disconnect(closed)
    client.on_delete(closed)
    if client.has_socket_connection:  # asked after the page connected (from an event handler)
        opened()
