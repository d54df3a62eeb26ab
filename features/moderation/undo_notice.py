"""The notice after a hide or a rejection: "Beitrag #12 ausgeblendet. [Rückgängig]" for
`UNDO_WINDOW`, then it goes. The button calls features.moderation.undo with the account signed
in now; a press after the window (the server's clock decides, not this notice) is refused with
the message of the refusal.

One notice per decision, newest last, in a polite live region at the foot of the screen, so a
screen reader hears it without losing its place and a keyboard reaches the button by Tab.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from components.i18n import t
from components.shared_css import share_css
from features.moderation.undo import UNDO_WINDOW, undo_decision
from models.staff import StaffAccount

Call = Callable[[Callable[[StaffAccount], Awaitable[Any]]], Awaitable[Any]]

NOTICE_CSS = """
.sg-undo-region { position: fixed; right: 16px; bottom: 16px; z-index: 6000; display: flex; flex-direction: column;
  gap: 8px; max-width: min(28rem, calc(100vw - 32px)); }
.sg-undo { display: flex; align-items: center; gap: 16px; background: #1e293b; color: #fff; border-radius: 6px;
  padding: 8px 8px 8px 16px; box-shadow: 0 4px 12px rgba(0, 0, 0, .3); }
.sg-undo-btn { min-height: 44px; min-width: 44px; font-weight: 600; }
.sg-undo-btn:focus-visible { outline: 3px solid #fbbf24; outline-offset: 2px; }
"""
DONE = {"hide": "moderation.undo.done_hide", "reject": "moderation.undo.done_reject"}
TOLD = {"hide": "moderation.undo.hidden", "reject": "moderation.undo.rejected"}


class UndoNotices:
    """The notices of one console tab; `offer` after each decision that can be taken back."""

    def __init__(self, call: Call) -> None:
        share_css("undo-notice", NOTICE_CSS)
        self.call = call
        self.region = (
            ui.element("div")
            .classes("sg-undo-region")
            .props(f'role=region aria-live=polite aria-label="{t("moderation.undo.region")}"')
            .mark("undo-notices")
        )

    def offer(self, action: str, contribution_id: int) -> ui.element:
        """Show the notice of `action` ("hide" or "reject") on a post, with its button."""
        with self.region, ui.element("div").classes("sg-undo").mark(f"undo-{contribution_id}") as notice:
            ui.label(t(TOLD[action], id=contribution_id))
            ui.button(t("moderation.undo"), on_click=lambda: self.undo(notice, action, contribution_id)).props(
                f'no-caps unelevated color=white text-color=blue-10 aria-label="{t("moderation.undo")} '
                f'(#{contribution_id})"'
            ).classes("sg-undo-btn").mark("undo")
            ui.timer(UNDO_WINDOW.total_seconds(), lambda: self.drop(notice), once=True)
        return notice

    async def undo(self, notice: ui.element, action: str, contribution_id: int) -> None:
        self.drop(notice)
        undone = await self.call(lambda staff: undo_decision(staff, contribution_id))
        if undone is not None:
            ui.notify(t(DONE[action], id=contribution_id), type="positive")

    @staticmethod
    def drop(notice: ui.element) -> None:
        if not notice.is_deleted:
            notice.delete()
