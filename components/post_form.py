"""The post form: counter, nickname remembered in the browser, drafts that survive a lost connection."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

from components.shared_js import CLIENT_JS

SendHandler = Callable[[dict[str, Any]], Awaitable[tuple[bool, str]]]


class PostForm(ui.element, component="post_form.js", dependencies=CLIENT_JS):
    def __init__(
        self,
        *,
        labels: dict[str, str],
        limit: int,
        agenda_items: list[dict[str, Any]],
        default_agenda_item: int | None,
        disabled: bool,
        on_send: SendHandler,
        heading_id: str | None = None,
    ) -> None:
        """`labels["heading"]` (optional) is drawn as the form's h2 with `heading_id`, and children
        (e.g. a phase message) between heading and form: fewer server elements per tab."""
        super().__init__()
        self._on_send = on_send
        self._props.update(
            labels=labels, limit=limit, agendaItems=agenda_items,
            defaultAgendaItem=default_agenda_item, disabled=disabled, headingId=heading_id,
        )
        self.on("send", self._handle_send)

    async def _handle_send(self, event: GenericEventArguments) -> None:
        await self.send(event.args if isinstance(event.args, dict) else {})

    async def send(self, payload: dict[str, Any]) -> tuple[bool, str]:
        """Hand the browser's payload to the wall; tell the browser whether it can clear the draft."""
        ok, message = await self._on_send(payload)
        self.run_method("done", {"ok": ok, "message": message})
        return ok, message
