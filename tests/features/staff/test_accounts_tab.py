"""/admin, tab "Konten", with simulated browsers: create an account and sign in with its one-time
password, refusals shown as messages, deactivate (an open console stops working), reset, unlock,
roles, your own row, and names shown only as text."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from features.staff.service import login
from models.contribution import Contribution, Status
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount, StaffSession
from tests.support.factories import post
from tests.support.staff import ELSEWHERE, PASSWORD, block_sign_in, sign_in
from tests.support.user import act, element, eventually, see, see_no
from tests.support.xss import XSS_CORPUS

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def open_accounts(user: User, name: str = "Orga") -> None:
    await sign_in(user, name, Role.ORGANISER)
    await user.open("/admin?tab=accounts")
    await see(user, "Konten des Teams")


async def create(user: User, name: str, role: Role = Role.MODERATOR) -> None:
    with user:
        element(user, "account-name").value = name
        element(user, "account-role").value = role.value
    user.find(marker="account-create").click()


async def one_time_password(user: User) -> str:
    await see(user, marker="one-time-password")
    return element(user, "one-time-password").value


async def close_password_dialog(user: User) -> None:
    user.find(marker="one-time-close").click()
    await see_no(user, marker="one-time-dialog")


async def confirm(user: User) -> None:
    await see(user, marker="confirm-yes")
    user.find(marker="confirm-yes").click()


async def test_a_new_account_signs_in_with_the_password_shown_once(user: User) -> None:
    await open_accounts(user)
    await create(user, "Nina", Role.ORGANISER)
    password = await one_time_password(user)
    await see(user, "Einmalpasswort für „Nina“:")
    await see(user, "Nur jetzt sichtbar")
    assert len(password) >= 12
    await close_password_dialog(user)
    assert not any(getattr(item, "value", None) == password for item in user.client.elements.values())
    nina = await StaffAccount.get(name="Nina")
    assert nina.role == Role.ORGANISER
    await see(user, marker=f"account-{nina.id}")  # the list shows the new account (should_see waits)
    log = await ModerationLogEntry.get(action="account_create")
    assert (log.staff_name, log.detail) == ("Orga", "Nina (organiser)")
    response = await user.http_client.post("/login", data={"name": "Nina", "password": password, "next": "/admin"})
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    assert response.headers["set-cookie"].startswith("sg_staff=")


async def test_a_taken_name_is_refused_with_a_message_and_nothing_changes(user: User) -> None:
    await open_accounts(user)
    await create(user, "orga")
    await see(user, "Diesen Namen gibt es schon.")
    assert element(user, "account-error").props["role"] == "alert"
    await see_no(user, marker="one-time-dialog")
    assert element(user, "account-name").value == "orga"  # kept, to correct it
    assert await StaffAccount.filter(name__in=["Orga", "orga"]).count() == 1
    await create(user, "Orga Zwei")
    await one_time_password(user)
    assert element(user, "account-error").text == ""  # the old message goes


async def test_markup_as_a_name_is_refused_and_old_accounts_show_it_as_text(user: User) -> None:
    await open_accounts(user)
    before = await StaffAccount.all().count()
    for name in XSS_CORPUS:
        await create(user, name)
        await see(user, "Der Name muss 2 bis 40 Zeichen lang sein")
        with user:
            element(user, "account-error").text = ""
    assert await StaffAccount.all().count() == before
    # accounts from before the name rules (or typed into the database) are still shown as text
    legacy = [name for name in XSS_CORPUS if len(name) <= 40]
    for name in legacy:
        await StaffAccount.create(name=name, password_hash="-")
    await user.open("/admin?tab=accounts")
    await see(user, "Konten des Teams")
    names = {item.text for item in user.find(marker="account-row-name").elements}
    assert set(legacy) <= names
    assert not any(item.tag in ("img", "script", "iframe", "svg", "q-markdown") or "html" in type(item).__name__.lower()
                   for item in user.client.elements.values())


async def test_deactivating_ends_an_open_console_at_once_and_reactivating_lets_in(user: User, create_user) -> None:
    shown = await post("Bleibt sichtbar")
    moderator = create_user()
    await sign_in(moderator, "Mo")
    await moderator.open("/moderation")
    await see(moderator, "Angemeldet als Mo")
    mo = await StaffAccount.get(name="Mo")
    await open_accounts(user)
    user.find(marker=f"account-deactivate-{mo.id}").click()
    await see(user, "„Mo“ deaktivieren?")
    await confirm(user)
    await see(user, "„Mo“ ist deaktiviert und überall abgemeldet.")
    assert not await StaffSession.filter(account_id=mo.id).exists()
    await act(moderator, "published", "hide", shown.id)  # the tab is still open
    assert (await Contribution.get(id=shown.id)).status == Status.PUBLISHED
    await see(moderator, "Bitte melden Sie sich an.")
    await moderator.open("/moderation")
    await see(moderator, "Anmeldung für das Team")
    await see(user, marker=f"account-reactivate-{mo.id}")
    user.find(marker=f"account-reactivate-{mo.id}").click()
    await see(user, "„Mo“ ist wieder aktiv.")
    assert await login("Mo", PASSWORD)


async def test_cancel_changes_nothing(user: User) -> None:
    await sign_in(user, "Mo")
    mo = await StaffAccount.get(name="Mo")
    await open_accounts(user)
    user.find(marker=f"account-deactivate-{mo.id}").click()
    await see(user, marker="confirm-cancel")
    user.find(marker="confirm-cancel").click()
    await see_no(user, marker="confirm-dialog")
    assert (await StaffAccount.get(id=mo.id)).active


async def test_a_reset_shows_a_new_one_time_password_and_ends_the_old_sessions(user: User) -> None:
    await sign_in(user, "Mo")
    mo = await StaffAccount.get(name="Mo")
    await block_sign_in("Mo")
    await open_accounts(user)
    user.find(marker=f"account-reset-{mo.id}").click()
    await confirm(user)
    password = await one_time_password(user)
    await see(user, "Einmalpasswort für „Mo“:")
    assert not await StaffSession.filter(account_id=mo.id).exists()
    await close_password_dialog(user)
    assert await login("Mo", password, address=ELSEWHERE)  # and the lock is gone


async def test_unlock_and_role_change(user: User) -> None:
    await sign_in(user, "Mo")
    mo = await StaffAccount.get(name="Mo")
    await block_sign_in("Mo")
    await open_accounts(user)
    await see(user, marker=f"account-locked-{mo.id}")
    await see(user, "zu viele Fehlversuche")
    user.find(marker=f"account-unlock-{mo.id}").click()
    await see(user, "„Mo“ ist entsperrt.")
    await see_no(user, marker=f"account-locked-{mo.id}")
    assert await login("Mo", PASSWORD, address=ELSEWHERE)
    with user:
        element(user, f"account-role-{mo.id}").value = Role.ORGANISER.value
    await see(user, "Mo hat jetzt die Rolle Organisation.")
    assert (await StaffAccount.get(id=mo.id)).role == Role.ORGANISER
    assert element(user, f"account-role-{mo.id}").props["label"] == "Rolle von Mo"


async def test_your_own_row_offers_your_account_page_instead_of_actions(user: User) -> None:
    await open_accounts(user)
    orga = await StaffAccount.get(name="Orga")
    await see(user, "(Ihr Konto)")
    for action in ("deactivate", "reset", "role"):
        await see_no(user, marker=f"account-{action}-{orga.id}")
    await see(user, "Ihr eigenes Passwort ändern Sie unter „Mein Konto“.")


async def test_a_refused_role_change_is_explained_and_the_stored_role_shown_again(user: User) -> None:
    await open_accounts(user)
    admin = await StaffAccount.filter(role=Role.ORGANISER).order_by("id").first()  # the one the app made at start
    assert admin is not None
    orga = await StaffAccount.get(name="Orga")
    # meanwhile someone else made "Orga" a moderator: the next click is refused
    await StaffAccount.filter(id=orga.id).update(role=Role.MODERATOR)
    with user:
        element(user, f"account-role-{admin.id}").value = Role.MODERATOR.value
    await see(user, "Dafür fehlt Ihnen die Berechtigung.")
    assert (await StaffAccount.get(id=admin.id)).role == Role.ORGANISER
    assert await eventually(lambda: element(user, f"account-role-{admin.id}").value == Role.ORGANISER.value)


async def test_the_header_links_to_the_other_staff_pages(user: User) -> None:
    await open_accounts(user)
    await see(user, marker="staff-link/moderation")
    await see(user, marker="staff-link/account")
    await see_no(user, marker="staff-link/admin")


async def test_the_address_opens_the_accounts_tab(user: User) -> None:
    await open_accounts(user)
    tabs = element(user, "admin-tabs")
    panels = next(item for item in user.client.elements.values() if isinstance(item, ui.tab_panels))
    assert tabs.value == panels.value == "accounts"  # the panel is shown, not only the tab marked
