"""/admin is for organisers only; each tab has its own tests (tests/features/admin/test_event_tab.py,
tests/features/<feature>/test_admin_tab.py, tests/features/staff/test_accounts_tab.py)."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from models.staff import Role
from tests.support.staff import sign_in

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def test_anonymous_visitors_and_moderators_are_sent_to_the_sign_in(user: User) -> None:
    response = await user.http_client.get("/admin", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/admin"
    await sign_in(user, "Mo", Role.MODERATOR)
    response = await user.http_client.get("/admin", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/admin"


async def test_organisers_see_every_tab(user: User) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin")
    for label in ("Veranstaltung", "Programm", "Ergebnisse", "Konten", "Export", "Datenschutz"):
        await user.should_see(label)
