"""Contributions (posts on the wall, later comments and proposals) and the votes that support them."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

NICKNAME_MAX_LENGTH = 40


class Channel(StrEnum):
    """Where the author was: in front of the stream, or in the hall (joined by the screen's QR code)."""

    ONLINE = "online"
    HALL = "hall"


class Status(StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    REJECTED = "rejected"


class Contribution(Model):
    """A text by a participant, known only by an anonymous browser id, never by name."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Event", related_name="contributions", on_delete=fields.CASCADE
    )
    agenda_item: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.AgendaItem", related_name="contributions", null=True, on_delete=fields.SET_NULL
    )
    text = fields.TextField()
    nickname = fields.CharField(max_length=NICKNAME_MAX_LENGTH, default="")
    channel = fields.CharEnumField(Channel, max_length=8, default=Channel.ONLINE)
    status = fields.CharEnumField(Status, max_length=12, default=Status.PUBLISHED, db_index=True)
    highlighted = fields.BooleanField(default=False)
    answered = fields.BooleanField(default=False)
    vote_count = fields.IntField(default=0)
    author_id = fields.CharField(max_length=64, db_index=True)
    # Chosen by the browser per draft: a post re-sent after a lost connection is stored once.
    client_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contribution"
        indexes = (("event_id", "status", "id"),)
        unique_together = (("author_id", "client_key"),)


class Vote(Model):
    """One browser supports one contribution once, and voting again takes the support back.

    (No semicolons in model docstrings: Tortoise puts them into the CREATE TABLE comment.)
    """

    id = fields.IntField(primary_key=True)
    contribution: fields.ForeignKeyRelation[Contribution] = fields.ForeignKeyField(
        "models.Contribution", related_name="votes", on_delete=fields.CASCADE
    )
    voter_id = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "vote"
        unique_together = (("contribution_id", "voter_id"),)
