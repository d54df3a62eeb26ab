"""Staff forms sent from another site are refused (login CSRF and forced sign-out)."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from features.staff.service import create_account
from models.staff import StaffSession
from tests.support.staff import PASSWORD, sign_in

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")

FORM = {"name": "Mira", "password": PASSWORD, "next": "/moderation"}


async def test_a_sign_in_form_posted_from_another_site_signs_nobody_in(user: User) -> None:
    await create_account("Mira", PASSWORD)
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
                    {"sec-fetch-site": "same-site", "origin": "https://sub.example"}, {"origin": "null"}):
        response = await user.http_client.post("/login", data=FORM, headers=headers)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?error=login.foreign"), headers
        assert "sg_staff=" not in response.headers.get("set-cookie", "")
    assert await StaffSession.all().count() == 0
    await user.open("/login?error=login.foreign")
    await user.should_see("Dieses Formular kam nicht von unserer Seite")


async def test_the_own_form_signs_in_as_browsers_send_it(user: User) -> None:
    await create_account("Mira", PASSWORD)
    host = "test.example"
    response = await user.http_client.post(
        "/login", data=FORM, headers={"host": host, "origin": f"https://{host}", "sec-fetch-site": "same-origin"}
    )
    assert response.headers["location"] == "/moderation" and "sg_staff=" in response.headers["set-cookie"]


async def test_another_site_cannot_sign_staff_out(user: User) -> None:
    await sign_in(user, "Mira")
    response = await user.http_client.post("/logout", headers={"origin": "https://evil.example"})
    assert response.headers["location"].startswith("/login?error=login.foreign")
    assert await StaffSession.all().count() == 1
    await user.http_client.post("/logout")
    assert await StaffSession.all().count() == 0
