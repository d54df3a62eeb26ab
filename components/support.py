"""Supporting a contribution from any list (wall, result page): one way to do it and to say no."""

from __future__ import annotations

from nicegui import ui

from components.i18n import error_text
from core.errors import ServiceError
from features.contributions.service import toggle_vote


async def toggle_support(contribution_id: int, viewer: str, address: str | None, voted: set[int]) -> bool:
    """Support the contribution or take the support back, keeping `voted` in step.

    A refusal (rate limit, phase closed, post gone) is told to the person; returns whether
    `voted` changed, so the caller knows to show it."""
    try:
        supported, _ = await toggle_vote(contribution_id, viewer, address=address)
    except ServiceError as error:
        ui.notify(error_text(error), type="warning")
        return False
    (voted.add if supported else voted.discard)(contribution_id)
    return True
