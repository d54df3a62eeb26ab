"""Staff accounts (moderators and organisers) and their sign-in sessions.

Participants never have accounts. A session lives in the database, so a browser stays signed in
whichever process nginx sends it to, and signing out ends it everywhere at once.
"""

from __future__ import annotations

import re
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

STAFF_NAME_MIN_LENGTH = 2
STAFF_NAME_MAX_LENGTH = 40
# Letters (any script), digits, spaces and . - _ ' : a name reads the same in every list and log,
# and nothing in it looks like markup or a path.
STAFF_NAME_PATTERN = re.compile(r"^[^\W_]([\w .'-]*[^\W_])?$")


class Role(StrEnum):
    """Moderators run the live wall. Organisers may do that too, and more (filters, the log)."""

    MODERATOR = "moderator"
    ORGANISER = "organiser"


class StaffAccount(Model):
    """A moderator or organiser. Only an argon2 hash of the password is stored."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=STAFF_NAME_MAX_LENGTH, unique=True)
    role = fields.CharEnumField(Role, max_length=12, default=Role.MODERATOR)
    password_hash = fields.CharField(max_length=200)
    # No longer written: failed sign-ins are counted per name and address (SignInAttempt), so
    # nobody elsewhere can lock the account. Kept until a migration drops them.
    failed_logins = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    sessions: fields.ReverseRelation[StaffSession]

    class Meta:
        table = "staff_account"

    def may(self, role: Role) -> bool:
        """An organiser may do everything a moderator may."""
        return self.active and (self.role == Role.ORGANISER or role == Role.MODERATOR)


class StaffSession(Model):
    """One signed-in browser. The cookie holds a random token and this table only its SHA-256 hash."""

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[StaffAccount] = fields.ForeignKeyField(
        "models.StaffAccount", related_name="sessions", on_delete=fields.CASCADE
    )
    account_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "staff_session"


class SignInAttempt(Model):
    """Failed sign-ins with one name from one network address (issue 19).

    Counted before the password is checked, so guesses sent at once cannot slip past the limit;
    kept per name *and* address, so failures elsewhere never lock the right person out; and kept
    for names that exist and names that do not alike, so the answers tell no names apart.
    Neither is stored in clear: the name as a hash (someone may type their password into the name
    field), the address as a keyed hash (docs/privacy.md).
    """

    id = fields.IntField(primary_key=True)
    name_key = fields.CharField(max_length=64)  # SHA-256 of the name as typed, case folded
    origin = fields.CharField(max_length=64)  # HMAC of the network address (of an IPv6 address's /64)
    failures = fields.IntField(default=0)  # attempts counted and not ended by a success
    last_at = fields.DatetimeField(db_index=True)  # when the latest was counted; forgotten a day later

    class Meta:
        table = "signin_attempt"
        unique_together = (("name_key", "origin"),)
