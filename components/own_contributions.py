"""A participant's own contributions, on the wall and on result pages alike.

Browsers never learn author ids: the server marks a view `mine` only for the tab of the browser
that wrote it, and only that browser may delete it (features.privacy.service checks again).
"""

from __future__ import annotations

from typing import Any

from nicegui import ui

from components.i18n import error_text, t
from core.errors import ServiceError
from features.privacy.service import withdraw_own
from models.contribution import Contribution


def marked_for(viewer: str, contribution: Contribution, view: dict[str, Any]) -> dict[str, Any]:
    """The view as this browser gets it: with a delete button when it wrote the contribution."""
    return {**view, "mine": True} if viewer and contribution.author_id == viewer else view


async def withdraw_as_author(viewer: str, contribution_id: int) -> None:
    """Delete at the author's word; every open page drops it through the bus."""
    try:
        await withdraw_own(viewer, contribution_id)
    except ServiceError as error:
        ui.notify(error_text(error), type="negative")
        return
    ui.notify(t("privacy.deleted"))
