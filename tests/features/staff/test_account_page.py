"""/account with simulated browsers: every staff member changes their own password; mistakes are
explained and change nothing; success keeps this session and ends the others. And the links
between the staff pages."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from features.staff.service import account_for_session, login
from models.staff import Role, StaffAccount
from tests.support.staff import PASSWORD, sign_in
from tests.support.user import element, see, see_no

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")

NEW_PASSWORD = "ein-neues-geheimnis-9"


async def fill(user: User, current: str, new: str, repeated: str) -> None:
    with user:
        element(user, "account-current").value = current
        element(user, "account-new").value = new
        element(user, "account-repeat").value = repeated
    user.find(marker="account-submit").click()


async def test_anonymous_visitors_are_sent_to_the_sign_in(user: User) -> None:
    response = await user.http_client.get("/account", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/account"


async def test_mistakes_are_explained_and_change_nothing(user: User) -> None:
    await sign_in(user, "Mira")
    await user.open("/account")
    await see(user, "Angemeldet als Mira (Moderation)")
    stored = (await StaffAccount.get(name="Mira")).password_hash
    for current, new, repeated, message in (
        ("falsch-falsch-1", NEW_PASSWORD, NEW_PASSWORD, "Das aktuelle Passwort stimmt nicht."),
        (PASSWORD, "zu-kurz-123", "zu-kurz-123", "mindestens 12 Zeichen"),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!", "Die beiden neuen Passwörter stimmen nicht überein."),
    ):
        await fill(user, current, new, repeated)
        await see(user, message)
        assert element(user, "account-alert").props["role"] == "alert"
        assert element(user, "account-done").text == ""
        assert (await StaffAccount.get(name="Mira")).password_hash == stored
        assert element(user, "account-new").value == new  # kept, to correct it


async def test_success_keeps_this_session_and_ends_the_others(user: User) -> None:
    await sign_in(user, "Mira")
    elsewhere = await login("Mira", PASSWORD)
    await user.open("/account")
    for marker, autocomplete in (("account-current", "current-password"), ("account-new", "new-password"),
                                 ("account-repeat", "new-password")):
        field = element(user, marker)
        assert field.props["type"] == "password" and field.props["autocomplete"] == autocomplete
    await fill(user, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    await see(user, "Ihr Passwort ist geändert.")
    assert element(user, "account-alert").text == ""
    assert element(user, "account-current").value == ""  # nothing secret left in the form
    assert await account_for_session(elsewhere) is None
    assert await login("Mira", NEW_PASSWORD)
    await user.open("/account")  # this browser is still signed in
    await see(user, "Angemeldet als Mira")
    await user.open("/moderation")
    await see(user, "Warteschlange")


async def test_an_ended_session_is_sent_to_the_sign_in(user: User) -> None:
    await sign_in(user, "Mira")
    await user.open("/account")
    await see(user, "Passwort ändern")
    mira = await StaffAccount.get(name="Mira")
    await StaffAccount.filter(id=mira.id).update(active=False)
    await fill(user, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    await see(user, "Bitte melden Sie sich an.")
    assert (await StaffAccount.get(id=mira.id)).password_hash == mira.password_hash


async def test_staff_pages_link_to_each_other_as_the_role_allows(user: User, create_user) -> None:
    await sign_in(user, "Mira")
    await user.open("/moderation")
    await see(user, marker="staff-link/account")
    await see_no(user, marker="staff-link/admin")
    user.find(marker="staff-link/account").click()
    await see(user, "Passwort ändern")
    await see(user, marker="staff-link/moderation")
    await see_no(user, marker="staff-link/admin")
    organiser = create_user()
    await sign_in(organiser, "Orga", Role.ORGANISER)
    await organiser.open("/moderation")
    await see(organiser, marker="staff-link/admin")
    await see(organiser, marker="staff-link/account")
    await organiser.open("/account")
    await see(organiser, marker="staff-link/admin")
    await see(organiser, marker="staff-link/moderation")
