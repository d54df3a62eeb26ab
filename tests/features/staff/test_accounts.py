"""Managing staff accounts: create with a one-time password, roles, deactivate, reset, unlock,
the guard rails (no duplicates, not yourself, always an organiser), organisers only, the log,
and everyone's own password change."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import fields
from datetime import timedelta

import pytest

from core.clock import utcnow
from core.errors import ServiceError
from features.staff import accounts as staff_admin
from features.staff import service as staff
from features.staff.accounts import (
    AccountView,
    add_account,
    change_own_password,
    change_role,
    list_accounts,
    reset_password,
    set_active,
    unlock,
)
from features.staff.service import account_for_session, create_account, login
from models.event import Event
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount, StaffSession
from tests.support.staff import ELSEWHERE, PASSWORD, block_sign_in
from tests.support.xss import XSS_CORPUS

NEW_PASSWORD = "noch-viel-geheimer-7"


pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


@pytest.fixture
async def event(db) -> Event:
    now = utcnow()
    return await Event.create(title="Stadtgespräch", starts_at=now, ends_at=now + timedelta(hours=3))


@pytest.fixture
async def orga(db) -> StaffAccount:
    return await create_account("Olaf", PASSWORD, Role.ORGANISER)


async def refused(call, key: str) -> None:
    with pytest.raises(ServiceError) as raised:
        await call
    assert raised.value.key == key


async def test_a_new_account_signs_in_with_its_one_time_password_and_the_log_says_so(event, orga, caplog) -> None:
    caplog.set_level(logging.INFO)
    created = await add_account(orga, "  Mira   Vogel ", Role.MODERATOR)
    assert created.account.name == "Mira Vogel" and created.account.role == Role.MODERATOR
    assert len(created.password) >= staff.MIN_PASSWORD_LENGTH
    token = await login("Mira Vogel", created.password)
    assert (await account_for_session(token)).name == "Mira Vogel"
    stored = await StaffAccount.get(name="Mira Vogel")
    assert stored.password_hash.startswith("$argon2id$") and created.password not in stored.password_hash
    entry = await ModerationLogEntry.get(action="account_create")
    assert (entry.staff_name, entry.event_id, entry.detail) == ("Olaf", event.id, "Mira Vogel (moderator)")
    assert created.password not in caplog.text and stored.password_hash not in caplog.text
    assert "account_create Mira Vogel" in caplog.text
    another = await add_account(orga, "Nils", Role.ORGANISER)
    assert another.password != created.password
    assert (await StaffAccount.get(name="Nils")).role == Role.ORGANISER


async def test_without_an_event_the_change_is_still_made_and_logged_by_the_app(orga, caplog) -> None:
    caplog.set_level(logging.INFO)
    await add_account(orga, "Mira", Role.MODERATOR)
    assert await StaffAccount.exists(name="Mira")
    assert not await ModerationLogEntry.exists()
    assert "Olaf: account_create Mira" in caplog.text


async def test_names_are_unique_ignoring_case(orga) -> None:
    await create_account("Ölaf", PASSWORD)
    for taken in ("Olaf", "olaf", " OLAF ", "ölaf", "ÖLAF"):
        await refused(add_account(orga, taken, Role.MODERATOR), "staff.name_taken")
        await refused(create_account(taken.lower(), PASSWORD), "staff.name_taken")  # the command line too
    assert await StaffAccount.all().count() == 2


async def test_names_follow_the_rules(orga) -> None:
    for name in ("", "M", "x" * 41, "-Mira", "Mira.", "Mi/ra", "Mi:ra", "Mi@ra", *XSS_CORPUS):
        await refused(add_account(orga, name, Role.MODERATOR), "staff.bad_name")
    assert await StaffAccount.all().count() == 1
    for name in ("Mo", "Jörg Müller-Lüdenscheidt", "D'Angelo", "team_2", "x" * 40, "Zoë K"):
        assert (await add_account(orga, name, Role.MODERATOR)).account.name == name


async def test_only_the_two_roles(orga) -> None:
    await refused(add_account(orga, "Mira", "admin"), "staff.bad_role")  # type: ignore[arg-type]
    mira = await create_account("Mira", PASSWORD)
    await refused(change_role(orga, mira.id, "root"), "staff.bad_role")  # type: ignore[arg-type]


async def test_the_list_shows_state_but_no_secrets(orga) -> None:
    await create_account("mira", PASSWORD)
    gone = await create_account("Alt", PASSWORD)
    await StaffAccount.filter(id=gone.id).update(active=False)
    now = utcnow()
    await block_sign_in("mira", now=now - timedelta(minutes=3))  # waits 5 more minutes
    views = await list_accounts(orga, now=now)
    assert [(view.name, view.role, view.active, view.locked) for view in views] == [
        ("Olaf", Role.ORGANISER, True, False), ("mira", Role.MODERATOR, True, True),
        ("Alt", Role.MODERATOR, False, False),
    ]
    assert views[0].created_at is not None
    shown = {field.name for field in fields(AccountView)}
    assert shown == {"id", "name", "role", "active", "locked_until", "created_at"}
    later = await list_accounts(orga, now=now + timedelta(minutes=6))
    assert not any(view.locked for view in later)  # a lock that ran out is no lock


async def test_deactivating_signs_out_everywhere_and_reactivating_lets_in_again(event, orga) -> None:
    mira = await create_account("Mira", PASSWORD)
    tokens = [await login("Mira", PASSWORD) for _ in range(2)]
    view = await set_active(orga, mira.id, False)
    assert view.active is False
    assert not await StaffSession.filter(account_id=mira.id).exists()
    assert [await account_for_session(token) for token in tokens] == [None, None]
    await refused(login("Mira", PASSWORD), "login.failed")
    await refused(require_moderator(mira), "forbidden")
    assert (await set_active(orga, mira.id, True)).active is True
    assert await login("Mira", PASSWORD)
    actions = await ModerationLogEntry.filter(event_id=event.id).order_by("id").values_list("action", flat=True)
    assert actions == ["account_deactivate", "account_reactivate"]


async def require_moderator(account: StaffAccount) -> StaffAccount:
    return await staff.require_role(account, Role.MODERATOR)


async def test_roles_change_and_count_at_once(event, orga) -> None:
    mira = await create_account("Mira", PASSWORD)
    await refused(list_accounts(mira), "forbidden")
    assert (await change_role(orga, mira.id, Role.ORGANISER)).role == Role.ORGANISER
    assert await list_accounts(mira)
    await change_role(orga, mira.id, Role.MODERATOR)
    await refused(list_accounts(mira), "forbidden")  # the stale object does not keep the old role
    entries = await ModerationLogEntry.filter(action="account_role").order_by("id").values_list("detail", flat=True)
    assert entries == ["Mira (organiser)", "Mira (moderator)"]
    await change_role(orga, mira.id, Role.MODERATOR)  # no change, no entry
    assert await ModerationLogEntry.filter(action="account_role").count() == 2


async def test_a_reset_gives_a_new_one_time_password_ends_sessions_and_lifts_a_lock(event, orga) -> None:
    mira = await create_account("Mira", PASSWORD)
    token = await login("Mira", PASSWORD)
    await block_sign_in("Mira")
    renewed = await reset_password(orga, mira.id)
    assert renewed.account.name == "Mira" and not renewed.account.locked
    assert await account_for_session(token) is None
    await refused(login("Mira", PASSWORD, address=ELSEWHERE), "login.failed")  # not locked, just old
    assert await login("Mira", renewed.password, address=ELSEWHERE)
    entry = await ModerationLogEntry.get(action="account_reset")
    assert entry.detail == "Mira" and renewed.password not in entry.detail


async def test_organisers_reset_others_passwords_not_their_own(orga) -> None:
    await refused(reset_password(orga, orga.id), "staff.reset_own")
    assert await login("Olaf", PASSWORD)


async def test_unlock_lets_the_right_password_in_again(orga) -> None:
    mira = await create_account("Mira", PASSWORD)
    await block_sign_in("Mira")
    await refused(login("Mira", PASSWORD, address=ELSEWHERE), "login.locked")
    assert (await list_accounts(orga))[1].locked  # the list says so
    assert (await unlock(orga, mira.id)).locked is False
    assert await login("Mira", PASSWORD, address=ELSEWHERE)


async def test_unknown_accounts(orga) -> None:
    for call in (change_role(orga, 999, Role.MODERATOR), set_active(orga, 999, False), reset_password(orga, 999),
                 unlock(orga, 999)):
        await refused(call, "staff.not_found")


async def test_the_only_organiser_can_neither_leave_nor_step_down(orga) -> None:
    await create_account("Mira", PASSWORD)  # a moderator does not count
    await refused(set_active(orga, orga.id, False), "staff.last_organiser")
    await refused(change_role(orga, orga.id, Role.MODERATOR), "staff.last_organiser")
    stored = await StaffAccount.get(id=orga.id)
    assert (stored.active, stored.role) == (True, Role.ORGANISER)


async def test_nobody_deactivates_or_demotes_themselves(orga) -> None:
    nina = await create_account("Nina", PASSWORD, Role.ORGANISER)
    await refused(set_active(orga, orga.id, False), "staff.not_yourself")
    await refused(change_role(orga, orga.id, Role.MODERATOR), "staff.not_yourself")
    assert (await StaffAccount.get(id=orga.id)).may(Role.ORGANISER)
    await change_role(orga, nina.id, Role.MODERATOR)  # another organiser: fine
    await change_role(orga, nina.id, Role.ORGANISER)
    await set_active(orga, nina.id, False)
    assert not (await StaffAccount.get(id=nina.id)).active


async def test_an_inactive_organiser_does_not_count_as_the_one_left(orga) -> None:
    nina = await create_account("Nina", PASSWORD, Role.ORGANISER)
    await set_active(orga, nina.id, False)
    await refused(change_role(orga, orga.id, Role.MODERATOR), "staff.last_organiser")


async def test_two_organisers_removing_each_other_at_once_leave_one(orga, monkeypatch) -> None:
    nina = await create_account("Nina", PASSWORD, Role.ORGANISER)
    check = staff_admin.require_role

    async def slow_check(actor, role):
        checked = await check(actor, role)
        await asyncio.sleep(0.2)  # both would pass the check before either changed anything
        return checked

    monkeypatch.setattr(staff_admin, "require_role", slow_check)

    async def try_(call) -> str:
        try:
            await call
        except ServiceError as error:
            return error.key
        return "ok"

    answers = await asyncio.gather(try_(set_active(orga, nina.id, False)), try_(set_active(nina, orga.id, False)))
    assert sorted(answers) == ["forbidden", "ok"]
    assert await StaffAccount.filter(role=Role.ORGANISER, active=True).count() == 1


async def test_only_active_organisers_manage_accounts(orga) -> None:
    mira = await create_account("Mira", PASSWORD, Role.MODERATOR)
    former = await create_account("Frieda", PASSWORD, Role.ORGANISER)
    await StaffAccount.filter(id=former.id).update(active=False)
    for actor in (None, mira, former):
        for call in (
            list_accounts(actor), add_account(actor, "Neu", Role.MODERATOR),
            change_role(actor, mira.id, Role.ORGANISER), set_active(actor, orga.id, False),
            reset_password(actor, orga.id), unlock(actor, orga.id),
        ):
            await refused(call, "forbidden")
    assert not await StaffAccount.exists(name="Neu")
    assert (await StaffAccount.get(id=mira.id)).role == Role.MODERATOR
    assert await login("Olaf", PASSWORD)


# --- one's own password ----------------------------------------------------------------------------


async def test_own_password_change_keeps_this_session_and_ends_the_others(event) -> None:
    mira = await create_account("Mira", PASSWORD)
    here, elsewhere = await login("Mira", PASSWORD), await login("Mira", PASSWORD)
    await change_own_password(mira, PASSWORD, NEW_PASSWORD, NEW_PASSWORD, keep_token=here)
    assert (await account_for_session(here)).id == mira.id
    assert await account_for_session(elsewhere) is None
    await refused(login("Mira", PASSWORD), "login.failed")
    assert await login("Mira", NEW_PASSWORD)
    entry = await ModerationLogEntry.get(action="own_password")
    assert (entry.staff_name, entry.detail) == ("Mira", "Mira")


async def test_own_password_change_refuses_mistakes(db) -> None:
    mira = await create_account("Mira Vogel-Ha", PASSWORD)
    token = await login("Mira Vogel-Ha", PASSWORD)
    for current, new, repeated, key in (
        ("falsch-falsch-1", NEW_PASSWORD, NEW_PASSWORD, "staff.wrong_password"),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "staff.password_mismatch"),
        (PASSWORD, "elf-zeichen", "elf-zeichen", "staff.short_password"),
        (PASSWORD, "Mira Vogel-Ha", "Mira Vogel-Ha", "staff.password_is_name"),
        (PASSWORD, "mira vogel-ha", "mira vogel-ha", "staff.password_is_name"),
        (PASSWORD, PASSWORD, PASSWORD, "staff.password_unchanged"),
    ):
        await refused(change_own_password(mira, current, new, repeated, keep_token=token), key)
    assert (await StaffAccount.get(id=mira.id)).password_hash == mira.password_hash  # unchanged
    assert await account_for_session(token) is not None


async def test_own_password_change_needs_a_signed_in_active_account(db) -> None:
    mira = await create_account("Mira", PASSWORD)
    await refused(change_own_password(None, PASSWORD, NEW_PASSWORD, NEW_PASSWORD), "forbidden")
    await StaffAccount.filter(id=mira.id).update(active=False)
    await refused(change_own_password(mira, PASSWORD, NEW_PASSWORD, NEW_PASSWORD), "forbidden")


async def test_new_accounts_need_long_passwords_that_are_not_the_name(db) -> None:
    await refused(create_account("Mira", "elf-zeichen"), "staff.short_password")
    await refused(create_account("Lange-Namen-Ja", "lange-namen-ja"), "staff.password_is_name")
    assert staff.MIN_PASSWORD_LENGTH == 12
