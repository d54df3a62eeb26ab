"""Managing staff accounts: organisers manage everyone's (/admin, tab "Konten"), and every staff
member changes their own password (/account).

Each organiser function re-reads the actor inside its transaction (`require_role`), so an
organiser who was demoted or deactivated a second ago can do nothing more. The guard rails keep
the site manageable: nobody deactivates or demotes themselves, and there is always at least one
active organiser. Passwords the app makes up are returned once to the caller and never stored
or logged in clear; the hashes never leave this layer.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import NotFound, ServiceError
from features.agenda.service import current_event
from features.moderation.audit import record
from features.staff import service as staff_service
from features.staff.service import (
    blocked_until,
    check_new_password,
    create_account,
    end_sessions,
    forget_failures,
    hash_password,
    one_time_password,
    require_role,
)
from models.staff import Role, StaffAccount

log = logging.getLogger("stadtgespraech.accounts")


@dataclass(frozen=True)
class AccountView:
    """What the accounts list shows of an account: no hash, no session."""

    id: int
    name: str
    role: Role
    active: bool
    locked_until: datetime | None  # until when sign-in with this name waits at some address
    created_at: datetime

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


@dataclass(frozen=True)
class NewPassword:
    """A one-time password the organiser hands over; shown once, then only its hash exists."""

    account: AccountView
    password: str


async def _view(account: StaffAccount, now: datetime) -> AccountView:
    locked = (await blocked_until([account.name], now=now)).get(account.name)
    return _shown(account, locked)


def _shown(account: StaffAccount, locked: datetime | None) -> AccountView:
    return AccountView(account.id, account.name, Role(account.role), account.active, locked, account.created_at)


async def _audit(actor: StaffAccount, action: str, target: StaffAccount, detail: str = "") -> None:
    """Into the moderation log of the current event (the log organisers read), and the app's log.

    The log belongs to an event; without one the app's log is the only record.
    """
    text = f"{target.name}{f' ({detail})' if detail else ''}"
    event = await current_event()
    if event is not None:
        await record(actor, event.id, action, detail=text)
    log.info("%s: %s %s", actor.name, action, text)


async def _target(account_id: int) -> StaffAccount:
    account = await StaffAccount.get_or_none(id=account_id).select_for_update()
    if account is None:
        raise NotFound("staff.not_found")
    return account


async def _organiser_in_turn(actor: StaffAccount | None) -> StaffAccount:
    """Lock every account (always in the same order, so no deadlock), then check the actor.

    Account changes are rare and few: taking them one at a time means two organisers who
    deactivate each other at the same moment cannot both succeed, and the second one is refused
    because the first one's change is visible by then.
    """
    await StaffAccount.all().order_by("id").select_for_update()
    return await require_role(actor, Role.ORGANISER)


async def _keep_an_organiser(target: StaffAccount) -> None:
    """Refuse a change that would leave no active organiser: then nobody could manage the site."""
    organisers = await StaffAccount.filter(role=Role.ORGANISER, active=True).values_list("id", flat=True)
    if all(pk == target.id for pk in organisers):
        raise ServiceError("staff.last_organiser")


def _known_role(role: object) -> None:
    if role not in (Role.MODERATOR, Role.ORGANISER):
        raise ServiceError("staff.bad_role")


def _not_yourself(actor: StaffAccount, target: StaffAccount) -> None:
    if actor.id == target.id:
        raise ServiceError("staff.not_yourself")


async def list_accounts(actor: StaffAccount | None, *, now: datetime | None = None) -> list[AccountView]:
    """Every account, organisers first, then by name; organisers only."""
    await require_role(actor, Role.ORGANISER)
    now = now or utcnow()
    accounts = await StaffAccount.all()
    blocked = await blocked_until([account.name for account in accounts], now=now)
    order = {Role.ORGANISER: 0, Role.MODERATOR: 1}
    return sorted(
        (_shown(account, blocked.get(account.name)) for account in accounts),
        key=lambda view: (not view.active, order[view.role], view.name.casefold()),
    )


async def add_account(actor: StaffAccount | None, name: str, role: Role) -> NewPassword:
    """A new moderator or organiser with a one-time password the organiser passes on."""
    async with in_transaction():
        current = await _organiser_in_turn(actor)
        _known_role(role)
        password = one_time_password()
        account = await create_account(name, password, Role(role))
        await _audit(current, "account_create", account, Role(role).value)
    return NewPassword(await _view(account, utcnow()), password)


async def change_role(actor: StaffAccount | None, account_id: int, role: Role) -> AccountView:
    async with in_transaction():
        current = await _organiser_in_turn(actor)
        _known_role(role)
        target = await _target(account_id)
        if target.role != role:
            if target.role == Role.ORGANISER and target.active:
                await _keep_an_organiser(target)
            _not_yourself(current, target)
            target.role = Role(role)
            await target.save(update_fields=["role"])
            await _audit(current, "account_role", target, Role(role).value)
    return await _view(target, utcnow())


async def set_active(actor: StaffAccount | None, account_id: int, active: bool) -> AccountView:
    """Deactivate (signed out everywhere at once; cannot sign in) or reactivate an account.

    A deactivated account stays, so the log still names who did what.
    """
    async with in_transaction():
        current = await _organiser_in_turn(actor)
        target = await _target(account_id)
        if target.active != active:
            if not active:
                if target.role == Role.ORGANISER:
                    await _keep_an_organiser(target)
                _not_yourself(current, target)
            target.active = active
            await target.save(update_fields=["active"])
            if not active:
                await end_sessions(target.id)
            await _audit(current, "account_reactivate" if active else "account_deactivate", target)
    return await _view(target, utcnow())


async def reset_password(actor: StaffAccount | None, account_id: int) -> NewPassword:
    """A new one-time password for someone who forgot theirs: ends their sessions, lifts a lock.

    Not for one's own account: that is /account, which asks for the current password.
    """
    password = one_time_password()
    new_hash = await hash_password(password)  # slow on purpose: before the accounts are locked
    async with in_transaction():
        current = await _organiser_in_turn(actor)
        target = await _target(account_id)
        if current.id == target.id:
            raise ServiceError("staff.reset_own")
        target.password_hash = new_hash
        await target.save(update_fields=["password_hash"])
        await forget_failures(target.name)
        await end_sessions(target.id)
        await _audit(current, "account_reset", target)
    return NewPassword(await _view(target, utcnow()), password)


async def unlock(actor: StaffAccount | None, account_id: int) -> AccountView:
    """Lift the waits after too many failed sign-ins with this name, from every address (the
    person remembered the password after all)."""
    async with in_transaction():
        current = await _organiser_in_turn(actor)
        target = await _target(account_id)
        await forget_failures(target.name)
        await _audit(current, "account_unlock", target)
    return await _view(target, utcnow())


async def change_own_password(
    actor: StaffAccount | None, current_password: str, new_password: str, repeated: str, *,
    keep_token: str | None = None,
) -> None:
    """Any signed-in staff member: the current password proves it is them, not someone at an
    unattended screen. Every other session of the account ends; this one (`keep_token`) stays."""
    account = await require_role(actor, Role.MODERATOR)
    if not await staff_service.password_matches(account.password_hash, current_password):
        await asyncio.sleep(staff_service.FAILURE_DELAY)  # guessing through an open session stays slow
        raise ServiceError("staff.wrong_password")
    if new_password != repeated:
        raise ServiceError("staff.password_mismatch")
    check_new_password(account.name, new_password)
    if new_password == current_password:
        raise ServiceError("staff.password_unchanged")
    new_hash = await hash_password(new_password)
    async with in_transaction():
        await StaffAccount.filter(id=account.id).update(password_hash=new_hash)
        await end_sessions(account.id, keep_token=keep_token)
        await _audit(account, "own_password", account)

