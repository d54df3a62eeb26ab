"""Staff accounts: sign-in with argon2 hashes, sessions kept in the database, and role checks.

Every staff action in services/ starts with `require_role(actor, ...)`, so a page that forgot a
check still cannot change anything. Failed sign-ins slow the next try down and, after
`LOCK_AFTER` of them in a row, lock the account for `LOCK_FOR`: guessing a password takes
forever, while a moderator who mistyped twice hardly notices.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import re
import secrets
import sys
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from core.clock import utcnow
from core.errors import ServiceError
from core.text_input import clean_text
from models.staff import STAFF_NAME_MAX_LENGTH, Role, StaffAccount, StaffSession

SESSION_LIFETIME = timedelta(hours=12)
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
FAILURE_DELAY = 0.5  # seconds per failed sign-in in a row, waited before answering (tests set 0)
MIN_PASSWORD_LENGTH = 12
MIN_NAME_LENGTH = 2
# Letters (any script), digits, spaces and . - _ ' : a name reads the same in every list and log,
# and nothing in it looks like markup or a path.
_NAME_PATTERN = re.compile(r"^[^\W_]([\w .'-]*[^\W_])?$")
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed without doubt
FIRST_ORGANISER = "admin"

_hasher = PasswordHasher()
# Checked when the name is unknown, so the answer takes as long as for a real account.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


async def hash_password(password: str) -> str:
    """argon2 is slow on purpose; in a thread, so the app keeps serving the hall meanwhile."""
    return await asyncio.to_thread(_hasher.hash, password)


async def password_matches(password_hash: str, password: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_name(name: str) -> str:
    """The name as stored, or refuse it: 2 to 40 letters, digits, spaces and . - _ ' (starting and
    ending with a letter or digit), runs of spaces made one."""
    clean = " ".join(clean_text(name, multiline=False).split())
    if not MIN_NAME_LENGTH <= len(clean) <= STAFF_NAME_MAX_LENGTH or not _NAME_PATTERN.match(clean):
        raise ServiceError("staff.bad_name", low=MIN_NAME_LENGTH, limit=STAFF_NAME_MAX_LENGTH)
    return clean


def check_new_password(name: str, password: str) -> None:
    """Long enough, and not the account's own name (the first thing anyone would guess)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError("staff.short_password", limit=MIN_PASSWORD_LENGTH)
    if password.strip().casefold() == name.strip().casefold():
        raise ServiceError("staff.password_is_name")


def one_time_password() -> str:
    """A password the app makes up: 20 characters (about 99 bits) in groups of four, easy to copy
    or read out, e.g. `k7mq-x3vp-9trf-2hwn-5cde`."""
    characters = "".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(20))
    return "-".join(characters[start:start + 4] for start in range(0, 20, 4))


async def name_taken(name: str, *, other_than: int | None = None) -> bool:
    """Is the name in use, ignoring case ("Mira" and "mira" would be told apart by nobody)?

    Compared in Python with casefold(): SQLite's UPPER() knows only ASCII, and there are few accounts.
    """
    wanted = name.casefold()
    rows = await StaffAccount.all().values_list("id", "name")
    return any(str(other).casefold() == wanted and pk != other_than for pk, other in rows)  # type: ignore[misc]


async def create_account(name: str, password: str, role: Role = Role.MODERATOR) -> StaffAccount:
    """A new staff account (from the command line, the first start, or /admin)."""
    clean = clean_name(name)
    check_new_password(clean, password)
    if await name_taken(clean):
        raise ServiceError("staff.name_taken")
    try:
        return await StaffAccount.create(name=clean, role=role, password_hash=await hash_password(password))
    except IntegrityError:
        raise ServiceError("staff.name_taken") from None


async def login(name: str, password: str, *, now: datetime | None = None) -> str:
    """Check the password and open a session; returns the token for the browser's cookie.

    The same answer for an unknown name and a wrong password, so nobody learns which names exist.
    """
    now = now or utcnow()
    account = await StaffAccount.get_or_none(name=clean_text(name, multiline=False))
    if account is not None and account.locked_until is not None and account.locked_until > now:
        raise ServiceError("login.locked", minutes=_minutes_until(account.locked_until, now))
    if account is None or not account.active:
        await password_matches(_DUMMY_HASH, password)
        await asyncio.sleep(FAILURE_DELAY)
        raise ServiceError("login.failed")
    if not await password_matches(account.password_hash, password):
        await _count_failure(account, now)
        raise ServiceError("login.failed")
    token = secrets.token_urlsafe(32)
    account.failed_logins = 0
    account.locked_until = None
    await account.save(update_fields=["failed_logins", "locked_until"])
    await StaffSession.create(account=account, token_hash=token_hash(token), expires_at=now + SESSION_LIFETIME)
    return token


async def _count_failure(account: StaffAccount, now: datetime) -> None:
    """One more failure in a row: wait a little longer each time, lock after LOCK_AFTER."""
    # counted in the database, so guesses sent in parallel (or to several processes) all count
    await StaffAccount.filter(id=account.id).update(failed_logins=F("failed_logins") + 1)
    failures = (await StaffAccount.get(id=account.id)).failed_logins
    if failures >= LOCK_AFTER:
        await StaffAccount.filter(id=account.id).update(failed_logins=0, locked_until=now + LOCK_FOR)
        raise ServiceError("login.locked", minutes=_minutes_until(now + LOCK_FOR, now))
    await asyncio.sleep(FAILURE_DELAY * failures)


def _minutes_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds() / 60))


async def account_for_session(token: str | None, *, now: datetime | None = None) -> StaffAccount | None:
    """The active account signed in with `token`, or None when the session is unknown or expired."""
    if not token:
        return None
    session = await StaffSession.get_or_none(token_hash=token_hash(token)).select_related("account")
    if session is None or session.expires_at <= (now or utcnow()) or not session.account.active:
        return None
    return session.account


async def end_sessions(account_id: int, *, keep_token: str | None = None) -> int:
    """Sign the account out in every browser (except the one holding `keep_token`)."""
    sessions = StaffSession.filter(account_id=account_id)
    if keep_token:
        sessions = sessions.exclude(token_hash=token_hash(keep_token))
    return await sessions.delete()


async def logout(token: str | None) -> None:
    """End this browser's session (the row goes: a session is not part of the moderation record)."""
    if token:
        await StaffSession.filter(token_hash=token_hash(token)).delete()


async def forget_expired_sessions(now: datetime | None = None) -> int:
    return await StaffSession.filter(expires_at__lte=now or utcnow()).delete()


async def require_role(actor: StaffAccount | None, role: Role = Role.MODERATOR) -> StaffAccount:
    """The actor as stored now (an organiser may have taken the role away meanwhile), or refuse."""
    if actor is None:
        raise ServiceError("forbidden")
    current = await StaffAccount.get_or_none(id=actor.id)
    if current is None or not current.may(role):
        raise ServiceError("forbidden")
    return current


async def ensure_first_organiser() -> str | None:
    """On the first start there is nobody to sign in: create an organiser with a one-time
    password and print it once, to the console of whoever started the app. Returns the password."""
    await forget_expired_sessions()
    if await StaffAccount.filter(role=Role.ORGANISER).exists():
        return None
    password = one_time_password()
    name = FIRST_ORGANISER
    if await StaffAccount.filter(name=name).exists():
        name = f"{FIRST_ORGANISER}-{secrets.token_hex(2)}"
    await create_account(name, password, Role.ORGANISER)
    line = "=" * 66
    print(
        f"\n{line}\n  Erstes Organisationskonto angelegt / first organiser account created\n"
        f"  Name:     {name}\n  Passwort: {password}\n"
        f"  Nur jetzt sichtbar: bitte sicher notieren. Anmelden unter /login.\n{line}\n",
        file=sys.stderr, flush=True,
    )
    return password
