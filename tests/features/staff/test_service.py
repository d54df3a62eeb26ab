"""Staff accounts: argon2 hashes, sessions in the database that expire, slow-down and waits per
name and address, the first organiser, and role checks."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from core.clock import utcnow
from core.errors import ServiceError
from features.staff import service as staff
from features.staff.service import (
    FORGET_AFTER,
    LOCK_AFTER,
    account_for_session,
    create_account,
    ensure_first_organiser,
    forget_old_failures,
    login,
    logout,
    require_role,
    token_hash,
)
from models.staff import Role, SignInAttempt, StaffAccount, StaffSession
from tests.support.staff import PASSWORD

HERE = "192.0.2.1"

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def test_password_is_stored_as_an_argon2_hash(db) -> None:
    account = await create_account("Mira", PASSWORD, Role.MODERATOR)
    stored = await StaffAccount.get(id=account.id)
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert PasswordHasher().verify(stored.password_hash, PASSWORD)


@pytest.mark.parametrize(("name", "password", "key"), [
    ("", PASSWORD, "staff.bad_name"), ("x" * 41, PASSWORD, "staff.bad_name"), ("Mira", "kurz", "staff.short_password"),
])
async def test_bad_accounts_are_refused(db, name, password, key) -> None:
    with pytest.raises(ServiceError) as refused:
        await create_account(name, password)
    assert refused.value.key == key


async def test_names_are_unique(db) -> None:
    await create_account("Mira", PASSWORD)
    with pytest.raises(ServiceError) as refused:
        await create_account("Mira", PASSWORD)
    assert refused.value.key == "staff.name_taken"


async def test_login_opens_a_session_that_only_the_token_opens(db) -> None:
    account = await create_account("Mira", PASSWORD)
    token = await login("Mira", PASSWORD)
    assert (await account_for_session(token)).id == account.id
    session = await StaffSession.get(account_id=account.id)
    assert session.token_hash == token_hash(token) and token not in session.token_hash
    assert await account_for_session("erraten") is None
    assert await account_for_session(None) is None


async def test_session_expires_after_twelve_hours(db) -> None:
    await create_account("Mira", PASSWORD)
    now = utcnow()
    token = await login("Mira", PASSWORD, now=now)
    assert await account_for_session(token, now=now + timedelta(hours=11, minutes=59)) is not None
    assert await account_for_session(token, now=now + timedelta(hours=12)) is None


async def test_logout_ends_the_session(db) -> None:
    await create_account("Mira", PASSWORD)
    token = await login("Mira", PASSWORD)
    await logout(token)
    assert await account_for_session(token) is None


async def test_wrong_password_and_unknown_name_get_the_same_answer(db) -> None:
    await create_account("Mira", PASSWORD)
    for name, password in (("Mira", "falsch-falsch"), ("Niemand", PASSWORD)):
        with pytest.raises(ServiceError) as refused:
            await login(name, password)
        assert refused.value.key == "login.failed"


async def test_failures_wait_a_little_then_make_the_next_try_wait(db, monkeypatch) -> None:
    waited: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(staff, "FAILURE_DELAY", 0.5)
    monkeypatch.setattr(staff.asyncio, "sleep", fake_sleep)
    await create_account("Mira", PASSWORD)
    now = utcnow()
    for _ in range(4):
        with pytest.raises(ServiceError) as refused:
            await login("Mira", "falsch-falsch", address=HERE, now=now)
        assert refused.value.key == "login.failed"
    assert waited == [0.5] * 4  # every failure answers a little later
    with pytest.raises(ServiceError) as refused:
        await login("Mira", "falsch-falsch", address=HERE, now=now)
    assert (refused.value.key, refused.value.params) == ("login.locked", {"minutes": 1})
    with pytest.raises(ServiceError) as refused:  # even the right password, from there, for a minute
        await login("Mira", PASSWORD, address=HERE, now=now + timedelta(seconds=50))
    assert (refused.value.key, refused.value.params) == ("login.locked", {"minutes": 1})
    assert await login("Mira", PASSWORD, address=HERE, now=now + timedelta(minutes=1, seconds=1))
    assert not await SignInAttempt.exists()


async def test_failures_are_forgotten_after_a_day(db) -> None:
    await create_account("Mira", PASSWORD)
    now = utcnow()
    for _ in range(LOCK_AFTER + 2):
        with pytest.raises(ServiceError):
            await login("Mira", "falsch-falsch", address=HERE, now=now)
    with pytest.raises(ServiceError) as refused:  # a day later, a mistyped password is just wrong
        await login("Mira", "falsch-falsch", address=HERE, now=now + FORGET_AFTER)
    assert refused.value.key == "login.failed"
    assert (await SignInAttempt.get()).failures == 1
    assert await forget_old_failures(now + 2 * FORGET_AFTER) == 1


async def test_a_success_resets_the_count_of_failures(db) -> None:
    await create_account("Mira", PASSWORD)
    for _ in range(4):
        with pytest.raises(ServiceError):
            await login("Mira", "falsch-falsch")
    await login("Mira", PASSWORD)
    for _ in range(4):
        with pytest.raises(ServiceError) as refused:
            await login("Mira", "falsch-falsch")
        assert refused.value.key == "login.failed"


async def test_roles(db) -> None:
    moderator = await create_account("Mira", PASSWORD, Role.MODERATOR)
    organiser = await create_account("Olaf", PASSWORD, Role.ORGANISER)
    assert (await require_role(moderator, Role.MODERATOR)).id == moderator.id
    assert (await require_role(organiser, Role.MODERATOR)).id == organiser.id
    assert (await require_role(organiser, Role.ORGANISER)).id == organiser.id
    for actor, role in ((moderator, Role.ORGANISER), (None, Role.MODERATOR)):
        with pytest.raises(ServiceError) as refused:
            await require_role(actor, role)
        assert refused.value.key == "forbidden"
    await StaffAccount.filter(id=moderator.id).update(active=False)  # the stored state counts
    with pytest.raises(ServiceError):
        await require_role(moderator)


async def test_first_start_creates_one_organiser_and_prints_the_password_once(db, capsys) -> None:
    password = await ensure_first_organiser("Ada Lovelace")  # FIRST_ADMIN_NAME
    printed = capsys.readouterr().err
    assert password and password in printed and "Name:     Ada Lovelace\n" in printed
    assert await login("Ada Lovelace", password)
    assert (await StaffAccount.get(name="Ada Lovelace")).role == Role.ORGANISER
    assert await ensure_first_organiser("Ada Lovelace") is None
    assert password not in capsys.readouterr().err
    assert await StaffAccount.all().count() == 1


async def test_without_a_chosen_name_the_first_organiser_gets_a_made_up_one(db, capsys) -> None:
    password = await ensure_first_organiser()
    printed = capsys.readouterr().err
    first = await StaffAccount.get(role=Role.ORGANISER)
    assert re.fullmatch(r"orga-[a-z2-9]{6}", first.name)
    assert f"Name:     {first.name}\n" in printed and "FIRST_ADMIN_NAME" in printed
    assert password and await login(first.name, password)


async def test_a_chosen_name_already_taken_by_a_moderator_is_said(db, capsys) -> None:
    await create_account("Mira", PASSWORD, Role.MODERATOR)
    await ensure_first_organiser("mira")
    printed = capsys.readouterr().err
    first = await StaffAccount.get(role=Role.ORGANISER)
    assert first.name.startswith("orga-") and f"Name:     {first.name}" in printed
    assert "„mira“ (FIRST_ADMIN_NAME) ist schon vergeben" in printed


async def test_guesses_sent_at_once_all_count(db) -> None:
    await create_account("Mira", PASSWORD)

    async def guess() -> str:
        try:
            await login("Mira", "falsch-falsch", address=HERE)
        except ServiceError as error:
            return error.key
        return "ok"

    answers = await asyncio.gather(*(guess() for _ in range(LOCK_AFTER)))
    assert answers.count("login.failed") == LOCK_AFTER - 1 and answers.count("login.locked") == 1
    with pytest.raises(ServiceError) as refused:
        await login("Mira", PASSWORD, address=HERE)
    assert refused.value.key == "login.locked"
    assert await login("Mira", PASSWORD, address="192.0.2.77")  # from elsewhere: in
