"""`/login` and `/logout` with a simulated browser: the session cookie, sign-out, and the messages for
a wrong password and a locked account."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from features.staff.service import create_account
from models.staff import StaffSession
from tests.support.staff import PASSWORD

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def test_sign_in_sets_an_http_only_cookie_and_sign_out_ends_the_session(user: User) -> None:
    await create_account("Mira", PASSWORD)
    response = await user.http_client.post("/login", data={"name": "Mira", "password": PASSWORD, "next": "//evil"})
    assert response.headers["location"] == "/"  # never off the site
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("sg_staff=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age=43200" in cookie
    await user.open("/moderation")
    await user.should_see("Angemeldet als Mira (Moderation)")
    assert await StaffSession.all().count() == 1
    response = await user.http_client.post("/logout", follow_redirects=False)
    assert response.headers["location"] == "/login?out=1"
    assert await StaffSession.all().count() == 0
    await user.open("/moderation")
    await user.should_see("Anmeldung für das Team")


async def test_wrong_password_and_lockout_are_explained(user: User) -> None:
    await create_account("Mira", PASSWORD)
    for _ in range(4):
        response = await user.http_client.post("/login", data={"name": "Mira", "password": "falsch-falsch"})
        assert response.headers["location"].startswith("/login?error=login.failed")
    await user.open(response.headers["location"])
    await user.should_see("Name oder Passwort stimmen nicht.")
    response = await user.http_client.post("/login", data={"name": "Mira", "password": "falsch-falsch"})
    await user.open(response.headers["location"])
    await user.should_see("Zu viele Fehlversuche: Von hier aus ist die Anmeldung mit diesem Namen für 1 Min. gesperrt.")
    response = await user.http_client.post("/login", data={"name": "Mira", "password": PASSWORD})
    assert "error=login.locked" in response.headers["location"]
