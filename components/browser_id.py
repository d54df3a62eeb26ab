"""Who a participant is: the anonymous id of their browser, one for the wall and the result pages
(votes are one per browser id per item, so both must ask the same)."""

from __future__ import annotations

from nicegui import app


def browser_id() -> str:
    """The anonymous id of this browser (NiceGUI's signed browser storage): no account, no name."""
    return str(app.storage.browser["id"])
