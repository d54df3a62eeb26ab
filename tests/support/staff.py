"""Staff for tests: one password, sign-in without the deliberate delay, a team of two, and signing
in from a simulated User or from a real browser tab.

`no_sign_in_delay` and `team` are fixtures (tests/conftest.py makes them available everywhere);
a module that signs in often asks for the first with
`pytestmark = pytest.mark.usefixtures("no_sign_in_delay")`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from nicegui.testing import User

from core.clock import utcnow
from features.staff import service as staff_service
from features.staff.service import LOCK_AFTER, create_account, name_key, network_of
from models.contribution import Contribution
from models.event import AgendaItem, Event
from models.poll import Poll
from models.result import Result, ResultImage, Topic
from models.staff import Role, SignInAttempt, StaffAccount
from tests.support.browser import connected

PASSWORD = "richtig-geheim-42"
ELSEWHERE = "203.0.113.9"  # an address that failed to sign in (TEST-NET-3)


async def block_sign_in(name: str, address: str = ELSEWHERE, *, now: datetime | None = None) -> None:
    """As if `address` had failed so often with `name` that its next try waits 8 minutes."""
    await SignInAttempt.create(
        name_key=name_key(name), origin=network_of(address), failures=LOCK_AFTER + 3, last_at=now or utcnow()
    )


@pytest.fixture
def no_sign_in_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed sign-in waits on purpose (against guessing); tests that fail on purpose need not."""
    monkeypatch.setattr(staff_service, "FAILURE_DELAY", 0)


@pytest.fixture
async def team(db: None) -> tuple[StaffAccount, StaffAccount]:
    """A moderator "Mira" and an organiser "Olaf", both with PASSWORD (hashed like real accounts)."""
    moderator = await create_account("Mira", PASSWORD, Role.MODERATOR)
    organiser = await create_account("Olaf", PASSWORD, Role.ORGANISER)
    return moderator, organiser


async def sign_in(user: User, name: str, role: Role = Role.MODERATOR) -> None:
    """Sign a simulated browser in (creating the account with PASSWORD if it is new)."""
    if not await StaffAccount.exists(name=name):
        await create_account(name, PASSWORD, role)
    response = await user.http_client.post("/login", data={"name": name, "password": PASSWORD, "next": "/moderation"})
    assert response.status_code == 303 and response.headers["location"] == "/moderation"


def sign_in_tab(tab: Any, url: str, name: str, password: str = PASSWORD, next_path: str = "/moderation") -> None:
    """Sign a real browser tab in through the form of /login and wait until `next_path` is live."""
    tab.goto(f"{url}/login?next={next_path}")
    tab.locator("input[name=name]").fill(name)
    tab.locator("input[name=password]").fill(password)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url(f"**{next_path}")
    connected(tab)


async def snapshot(event: Event, post: Contribution) -> tuple:
    """What a refused staff action must leave as it was: the set-up, the post, the accounts."""
    stored_event, stored_post = await Event.get(id=event.id), await Contribution.get(id=post.id)
    accounts = await StaffAccount.all().order_by("id").values_list("name", "role", "active", "password_hash")
    setup = [
        await Event.all().order_by("id").values_list("id", "title", "starts_at", "ends_at", "retention_until"),
        await AgendaItem.all().order_by("id").values_list("id", "title", "starts_at", "position"),
        await Topic.all().order_by("id").values_list("id", "name", "colour", "position"),
        await Result.all().order_by("id").values_list("id", "title", "topic_id", "position"),
        await ResultImage.all().order_by("id").values_list("id", "alt", "position"),
        await Contribution.all().count(),
        await Poll.all().order_by("id").values_list("id", "question", "state", "position", "on_screen"),
    ]
    return (*setup,
        stored_event.moderation_mode, stored_event.screen_mode, stored_event.blocked_words,
        stored_event.current_agenda_item_id, stored_post.status, stored_post.highlighted, stored_post.answered,
        stored_post.agenda_item_id, accounts,
        stored_event.screen_source, stored_event.screen_pause_text, stored_event.screen_show_support,
        stored_post.screen_position,
    )
