"""Comments (with one level of replies) or proposals on one result, live in every open tab.

Like the wall's list: the browser keeps the visible items, the server holds a mirror of what
this tab shows, and a new or changed contribution costs one `upsert` per tab. The forms live in
the browser too, so a draft survives a reload and a lost connection.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Literal

from nicegui import ui
from nicegui.events import GenericEventArguments

from components.shared_css import share_css
from components.shared_js import CLIENT_JS, ITEMS_CSS
from features.contributions.service import shows_on_result
from models.contribution import PROPOSAL_TITLE_MAX_LENGTH, Contribution, Kind, Status
from models.result import Result

Mode = Literal["comments", "proposals"]
SendHandler = Callable[[dict[str, Any]], Awaitable[tuple[bool, str]]]

# The thread's own rules; the items' (support, pending, delete) are sg-items.css.
THREAD_CSS = """
.sg-thread .sg-sort { border-color: #1e3a8a; color: #1e3a8a; background: #fff; }
.sg-thread .sg-sort[aria-pressed="true"] { background: #1e3a8a; color: #fff; }
.sg-thread .sg-sort:focus-visible, .sg-thread .sg-reply:focus-visible {
  outline: 3px solid #b45309; outline-offset: 2px;
}
.sg-withdrawn { color: #334155; font-style: italic; }
.sg-thread-list:focus { outline: none; }
"""


class ResultThread(ui.element, component="result_thread.js", dependencies=CLIENT_JS):
    def __init__(
        self,
        views: list[dict[str, Any]],
        *,
        result: Result,
        mode: Mode,
        labels: dict[str, str],
        viewer_id: str,
        voted: set[int],
        is_open: bool,
        limit: int,
        on_send: SendHandler,
        on_vote: Callable[[int], Awaitable[None] | None],
        on_withdraw: Callable[[int], Awaitable[None] | None] | None = None,
    ) -> None:
        super().__init__()
        share_css("items", ITEMS_CSS)
        share_css("result-thread", THREAD_CSS)
        self.result = result
        self.mode = mode
        # what contribution_feed hands to this thread at all
        self.kinds = frozenset({Kind.PROPOSAL.value} if mode == "proposals" else {Kind.COMMENT.value, Kind.WALL.value})
        self.viewer_id = viewer_id
        self.shown: dict[int, dict[str, Any]] = {view["id"]: view for view in views}
        self._on_send = on_send
        self._props.update(
            items=views, mode=mode, labels=labels, voted=sorted(voted), open=is_open, limit=limit,
            titleLimit=PROPOSAL_TITLE_MAX_LENGTH, storageKey=f"stadtgespraech-result-{result.id}-{mode}",
            canWithdraw=on_withdraw is not None,
        )
        self.on("send", self._handle_send)
        self.on("vote", lambda e: on_vote(int(e.args)))
        if on_withdraw is not None:
            self.on("withdraw", lambda e: on_withdraw(int(e.args)))

    # --- what this tab may show -------------------------------------------------------------
    def accepts(self, contribution: Contribution) -> bool:
        if str(contribution.kind) not in self.kinds or not shows_on_result(contribution, self.result):
            return False
        parent_id = contribution.parent_id
        if parent_id is not None and parent_id not in self.shown:
            return False  # a reply to something this tab does not show
        if contribution.status == Status.PUBLISHED:
            return True
        if contribution.status == Status.WITHDRAWN:
            # deleted by its author: a shown comment stays as the placeholder its replies answer
            # (the browser hides it once no reply is left); anything else simply goes
            return parent_id is None and contribution.id in self.shown and any(
                view["parent_id"] == contribution.id for view in self.shown.values()
            )
        return contribution.status == Status.PENDING and contribution.author_id == self.viewer_id

    def receive(self, contribution: Contribution, view: dict[str, Any]) -> None:
        """A contribution was posted or changed: show, update or withdraw it in this tab."""
        if self.viewer_id and contribution.author_id == self.viewer_id:
            view = {**view, "mine": True}  # only this tab learns it is the author's: a delete button
        if self.accepts(contribution):
            self.shown[contribution.id] = view
            self.run_method("upsert", view)
        elif contribution.id in self.shown:
            del self.shown[contribution.id]
            self.run_method("remove", contribution.id)

    def forget_all(self) -> None:
        """Every contribution of the event was deleted (organisers' purge): show none."""
        self.shown = {}
        self._props["items"] = []
        self.run_method("replace", [])

    # --- changes asked for by this tab ------------------------------------------------------
    async def _handle_send(self, event: GenericEventArguments) -> None:
        await self.send(event.args if isinstance(event.args, dict) else {})

    async def send(self, payload: dict[str, Any]) -> tuple[bool, str]:
        """Hand the browser's payload to the page; tell the browser whether it can clear the draft."""
        ok, message = await self._on_send(payload)
        self.run_method("done", {"ok": ok, "message": message, "parent_id": payload.get("parent_id")})
        return ok, message

    def set_voted(self, voted: set[int]) -> None:
        self._props["voted"] = sorted(voted)
        self.update()
