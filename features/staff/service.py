"""Staff accounts: sign-in with argon2 hashes, sessions kept in the database, and role checks.

Every staff action in services/ starts with `require_role(actor, ...)`, so a page that forgot a
check still cannot change anything.

Sign-in (issue 19) counts every attempt per name *and* network address (models.staff.SignInAttempt)
before the slow password check, in one compare-and-set UPDATE, so guesses sent at once, or to
several processes, cannot slip past the limit. After `LOCK_AFTER` failures with one name from one
address, each next try from there must wait: 1, 2, 4 … minutes, at most `LONGEST_WAIT`. A guesser
elsewhere locks only themselves out: the right password from an address that did not fail still
signs in. Names that do not exist are counted, checked against a dummy hash and answered exactly
like names that do, so the answers tell no names apart.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import math
import secrets
import sys
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.exceptions import IntegrityError

from core.clock import utcnow
from core.errors import ServiceError
from core.text_input import clean_text
from models.staff import (
    STAFF_NAME_MAX_LENGTH,
    STAFF_NAME_MIN_LENGTH,
    STAFF_NAME_PATTERN,
    Role,
    SignInAttempt,
    StaffAccount,
    StaffSession,
)
from settings import get_settings

SESSION_LIFETIME = timedelta(hours=12)
LOCK_AFTER = 5  # failed sign-ins with one name from one address before the next try must wait
FIRST_WAIT = timedelta(minutes=1)  # the wait after LOCK_AFTER failures, doubling with each further one
LONGEST_WAIT = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)  # failures older than this are forgotten
FAILURE_DELAY = 0.5  # seconds every failed sign-in waits before answering (tests set 0)
MIN_PASSWORD_LENGTH = 12
# A typed name longer than this cannot be an account's: the rest is not even looked at.
_TYPED_NAME_LIMIT = 4 * STAFF_NAME_MAX_LENGTH
_COUNT_TRIES = 200  # compare-and-set rounds before an attempt is refused as if locked
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed without doubt
FIRST_ORGANISER_PREFIX = "orga"  # the first organiser's name when FIRST_ADMIN_NAME is not set: orga-xxxxxx

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
    if not STAFF_NAME_MIN_LENGTH <= len(clean) <= STAFF_NAME_MAX_LENGTH or not STAFF_NAME_PATTERN.match(clean):
        raise ServiceError("staff.bad_name", low=STAFF_NAME_MIN_LENGTH, limit=STAFF_NAME_MAX_LENGTH)
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


def wait_after(failures: int) -> timedelta:
    """How long the next try with a name from an address waits after `failures` in a row there."""
    if failures < LOCK_AFTER:
        return timedelta(0)
    return min(LONGEST_WAIT, FIRST_WAIT * 2 ** min(failures - LOCK_AFTER, 20))


def network_of(address: str | None) -> str:
    """What failures are counted for: a keyed hash (never the address itself, docs/privacy.md) of
    the address, for IPv6 of its /64 (one household or phone has a whole /64 to pick from)."""
    network = "-"
    if address:
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            network = address[:100]
        else:
            if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
                network = str(parsed.ipv4_mapped)
            elif isinstance(parsed, ipaddress.IPv6Address):
                network = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
            else:
                network = str(parsed)
    key = get_settings().storage_secret.encode()
    return hmac.new(key, f"sign-in:{network}".encode(), hashlib.sha256).hexdigest()


def name_key(name: str) -> str:
    """What a typed name is counted under: its hash, ignoring case and runs of spaces."""
    return hashlib.sha256(" ".join(name.split()).casefold().encode()).hexdigest()


async def _count_attempt(key: str, origin: str, now: datetime) -> int:
    """Count one attempt before its password is checked; the failures in a row, this one included.

    Refused (`login.locked`, no password check) while the name must wait at this address. The
    count is a compare-and-set UPDATE on the row (`failures` as read): of attempts that arrive at
    once, in one process or several, only one takes each place, the others read again.
    """
    for _ in range(_COUNT_TRIES):
        row = await SignInAttempt.get_or_none(name_key=key, origin=origin)
        if row is None:
            try:
                await SignInAttempt.create(name_key=key, origin=origin, failures=1, last_at=now)
            except IntegrityError:  # another attempt created it first: count on that one
                continue
            return 1
        if row.last_at <= now - FORGET_AFTER:  # long ago: start afresh (one attempt deletes it)
            await SignInAttempt.filter(id=row.id, last_at__lte=now - FORGET_AFTER).delete()
            continue
        wait = wait_after(row.failures)
        # (no wait: go ahead, even if an attempt that read the clock a moment later counted first)
        if wait and row.last_at + wait > now:
            ready = row.last_at + wait
            raise ServiceError("login.locked", minutes=_minutes_until(ready, now))
        taken = await SignInAttempt.filter(id=row.id, failures=row.failures).update(
            failures=row.failures + 1, last_at=now
        )
        if taken:
            return row.failures + 1
    raise ServiceError("login.locked", minutes=1)


async def login(name: str, password: str, *, address: str | None = None, now: datetime | None = None) -> str:
    """Check the password and open a session; returns the token for the browser's cookie.

    `address` is the network address the attempt comes from. The attempt is counted first; an
    unknown or deactivated name is checked against a dummy hash, counted and answered the same as
    a wrong password, so nobody learns which names exist.
    """
    now = now or utcnow()
    typed = clean_text(name[:_TYPED_NAME_LIMIT], multiline=False)
    key, origin = name_key(typed), network_of(address)
    await forget_old_failures(now)  # one indexed DELETE: no failure is kept longer than a day
    failures = await _count_attempt(key, origin, now)
    account = await StaffAccount.get_or_none(name=typed)
    if account is not None and not account.active:
        account = None
    matches = await password_matches(account.password_hash if account is not None else _DUMMY_HASH, password)
    if account is None or not matches:
        await asyncio.sleep(FAILURE_DELAY)
        wait = wait_after(failures)
        if wait:
            raise ServiceError("login.locked", minutes=_minutes_until(now + wait, now))
        raise ServiceError("login.failed")
    await SignInAttempt.filter(name_key=key, origin=origin).delete()
    token = secrets.token_urlsafe(32)
    await StaffSession.create(account=account, token_hash=token_hash(token), expires_at=now + SESSION_LIFETIME)
    return token


async def blocked_until(names: list[str], *, now: datetime | None = None) -> dict[str, datetime]:
    """For each of these account names that must wait somewhere: until when (the latest address)."""
    now = now or utcnow()
    keys = {name_key(name): name for name in names}
    rows = await SignInAttempt.filter(
        name_key__in=list(keys), failures__gte=LOCK_AFTER, last_at__gt=now - FORGET_AFTER
    )
    blocked: dict[str, datetime] = {}
    for row in rows:
        ready = row.last_at + wait_after(row.failures)
        name = keys[row.name_key]
        if ready > now and (name not in blocked or ready > blocked[name]):
            blocked[name] = ready
    return blocked


async def forget_failures(name: str) -> int:
    """Lift every wait of this name, from every address (an organiser unlocks or resets it)."""
    return await SignInAttempt.filter(name_key=name_key(name)).delete()


async def forget_old_failures(now: datetime | None = None) -> int:
    return await SignInAttempt.filter(last_at__lte=(now or utcnow()) - FORGET_AFTER).delete()


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


async def ensure_first_organiser(name: str = "") -> str | None:
    """On the first start there is nobody to sign in: create an organiser with a one-time
    password and print name and password once, to the console of whoever started the app.

    The name is FIRST_ADMIN_NAME when the operator set one, else made up (`orga-` and six
    characters), so nobody can guess it in advance. Returns the password.
    """
    await forget_expired_sessions()
    await forget_old_failures()
    if await StaffAccount.filter(role=Role.ORGANISER).exists():
        return None
    password = one_time_password()
    chosen = " ".join(name.split())
    if chosen and not await name_taken(chosen):
        first = chosen
    else:
        first = f"{FIRST_ORGANISER_PREFIX}-{''.join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(6))}"
    await create_account(first, password, Role.ORGANISER)
    if chosen and first != chosen:
        note = f"  „{chosen}“ (FIRST_ADMIN_NAME) ist schon vergeben / is taken.\n"
    elif not chosen:
        note = "  Name ausgedacht; FIRST_ADMIN_NAME wählt ihn / made up; FIRST_ADMIN_NAME chooses it.\n"
    else:
        note = ""
    line = "=" * 66
    print(
        f"\n{line}\n  Erstes Organisationskonto angelegt / first organiser account created\n"
        f"  Name:     {first}\n  Passwort: {password}\n{note}"
        f"  Nur jetzt sichtbar: bitte sicher notieren. Anmelden unter /login.\n{line}\n",
        file=sys.stderr, flush=True,
    )
    return password
