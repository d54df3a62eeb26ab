"""Reading and driving pages in NiceGUI's simulated `User`: waiting for a condition, finding an
element by marker, patient should_see, and the few page-specific looks that tests of more than
one feature need (the list of contributions, the moderation console's lists, the screen's
highlight)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from components.contribution_list import ContributionList
from features.moderation.moderation_list import ModerationList


async def eventually(condition: Callable[[], bool], timeout: float = 1.0) -> bool:
    """True as soon as `condition()` holds; the live targets say one second."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return condition()


def element(user: User, marker: str) -> ui.element:
    """The (first) visible element with this marker."""
    return next(iter(user.find(marker=marker).elements))


def marked(user: User, marker: str) -> ui.element:
    """The element with `marker`, visible or not (user.find sees only visible ones)."""
    return next(item for item in user.client.elements.values() if marker in item._markers)


async def see(user: User, *args: object, **kwargs: object) -> None:
    """should_see, patient: argon2 runs in a thread and this machine may be busy."""
    await user.should_see(*args, retries=100, **kwargs)  # type: ignore[arg-type]


async def see_no(user: User, *args: object, **kwargs: object) -> None:
    await user.should_not_see(*args, retries=100, **kwargs)  # type: ignore[arg-type]


def the_list(user: User) -> ContributionList:
    """The page's (first) list of contributions: the wall's, the screen's, a result's."""
    return next(iter(user.find(ContributionList).elements))


def shown_texts(user: User) -> list[str]:
    """The texts the list shows, newest first."""
    return [view["text"] for view in sorted(the_list(user).shown.values(), key=lambda v: -v["id"])]


def console_lists(user: User) -> dict[str, ModerationList]:
    """The moderation console's lists by variant (queue, wall, off the wall...)."""
    elements = user.client.elements.values()
    return {element.variant: element for element in elements if isinstance(element, ModerationList)}


def ids_in(user: User, variant: str) -> set[int]:
    return set(console_lists(user)[variant].shown)


async def act(user: User, variant: str, action: str, pk: int | None, value: object = None) -> None:
    """What a button in the console's list does in the browser."""
    element = console_lists(user)[variant]
    listener = next(item for item in element._event_listeners.values() if item.type == "act")
    with user:
        await listener.handler(type("Event", (), {"args": {"action": action, "id": pk, "value": value}})())


def highlight(user: User) -> tuple[bool, str]:
    """Is the screen's highlight area shown, and with which text."""
    return marked(user, "screen-highlight").visible, marked(user, "screen-highlight-text").text
