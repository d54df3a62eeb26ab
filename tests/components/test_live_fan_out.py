"""A tab that closes while a fan-out awaits the database must not cost the other tabs their update
(components.live.Followers): the read is held on an asyncio.Event, one tab is deleted meanwhile."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
from nicegui.testing import User

from components import contribution_feed
from features.moderation.service import set_highlight
from features.screen import highlight as screen_highlight
from models.event import Event
from tests.features.agenda.test_home_and_agenda_pages import eventually
from tests.features.screen.test_page import highlight, post, shown_texts, the_list

TABS = 6  # four close: an old fan-out that stops at the first closed tab misses an open one


def held(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> tuple[asyncio.Event, asyncio.Event]:
    """Make `module.name` wait for the first returned event; the second says the read started."""
    release, started = asyncio.Event(), asyncio.Event()
    original = getattr(module, name)

    async def waiting(*args: Any, **kwargs: Any) -> Any:
        started.set()
        await release.wait()
        return await original(*args, **kwargs)

    monkeypatch.setattr(module, name, waiting)
    return release, started


DELETED = "The client this element belongs to has been deleted."


def close(tab: User, *followers: Any, methods: tuple[str, ...]) -> None:
    """Close the tab as a browser going away does. In production its client is then garbage and
    touching its elements raises; the test still holds the client, so the followers' `methods`
    raise as they would."""

    def deleted(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError(DELETED)

    for follower in followers:
        for name in methods:
            setattr(follower, name, deleted)
    tab.client.delete()


async def open_screens(user: User, create_user) -> list[User]:
    users = [user, *(create_user() for _ in range(TABS - 1))]
    for one in users:
        await one.open("/screen")
    return users


async def test_a_tab_closing_during_the_contribution_fan_out_costs_the_others_nothing(
    user: User, create_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = await open_screens(user, create_user)
    release, started = held(monkeypatch, contribution_feed, "get_contribution")
    await post("Während einer schließt")
    await asyncio.wait_for(started.wait(), timeout=2)
    # the tabs in the middle close while the post is read: whichever order the fan-out takes,
    # it meets a closed tab before an open one
    for closing in users[1:-1]:
        close(closing, the_list(closing), methods=("takes_broadcast", "remember", "receive", "forget_all"))
    release.set()
    for one in (users[0], users[-1]):
        assert await eventually(lambda one=one: shown_texts(one)[:1] == ["Während einer schließt"]), one


async def test_a_tab_closing_during_the_highlight_fan_out_costs_the_others_nothing(
    user: User, create_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = await post("Bitte ins Licht")
    users = await open_screens(user, create_user)
    release, started = held(monkeypatch, screen_highlight, "current_view")
    event = await Event.first()
    await set_highlight(event.id, chosen.id)
    await asyncio.wait_for(started.wait(), timeout=2)
    for closing in users[1:-1]:
        close(closing, highlight_of(closing), methods=("show",))
    release.set()
    for one in (users[0], users[-1]):
        assert await eventually(lambda one=one: highlight(one) == (True, "Bitte ins Licht")), one


def highlight_of(tab: User) -> screen_highlight.ScreenHighlight:
    """The highlight area of `tab` (a plain object that keeps its tab's client, not an element)."""
    return next(
        item for item in gc.get_objects()
        if isinstance(item, screen_highlight.ScreenHighlight) and item.client is tab.client
    )
