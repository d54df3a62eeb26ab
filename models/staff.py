"""Staff accounts (moderators and organisers) and their sign-in sessions.

Participants never have accounts. A session lives in the database, so a browser stays signed in
whichever process nginx sends it to, and signing out ends it everywhere at once.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

STAFF_NAME_MAX_LENGTH = 40


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
    # Failed sign-ins in a row: each one waits longer, and enough of them lock the account a while.
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
