"""Contributions (posts on the wall, comments on results and proposals) and the votes that support them."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

NICKNAME_MAX_LENGTH = 40
PROPOSAL_TITLE_MAX_LENGTH = 120


class Channel(StrEnum):
    """Where the author was: in front of the stream, or in the hall (joined by the screen's QR code)."""

    ONLINE = "online"
    HALL = "hall"


class Kind(StrEnum):
    """A post on the live wall, a comment (or reply) on a result, or a proposal to develop it further."""

    WALL = "wall"
    COMMENT = "comment"
    PROPOSAL = "proposal"


class Status(StrEnum):
    """Withdrawn: the author deleted it. Its text and nickname are erased, replies to it stay."""

    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class OfficialStatus(StrEnum):
    """What the city says it made of a contribution (features.answers): the answer's headline."""

    IN_REVIEW = "in_review"
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    ALREADY_DONE = "already_done"


OFFICIAL_ANSWER_MAX_LENGTH = 2000


class Contribution(Model):
    """A text by a participant, known only by an anonymous browser id, never by name."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Event", related_name="contributions", on_delete=fields.CASCADE
    )
    event_id: int
    agenda_item: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.AgendaItem", related_name="contributions", null=True, on_delete=fields.SET_NULL
    )
    agenda_item_id: int | None
    # Set for comments and proposals, and for a wall post a moderator assigned to a result later.
    result: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Result", related_name="contributions", null=True, on_delete=fields.SET_NULL
    )
    result_id: int | None
    # A reply names the comment it answers (one level only, enforced in features.contributions.service).
    parent: fields.ForeignKeyNullableRelation[Contribution] = fields.ForeignKeyField(
        "models.Contribution", related_name="replies", null=True, on_delete=fields.CASCADE
    )
    parent_id: int | None
    # db_default: posts stored before results existed become wall posts when the column is added.
    kind = fields.CharEnumField(Kind, max_length=10, default=Kind.WALL, db_default="wall")
    title = fields.CharField(max_length=PROPOSAL_TITLE_MAX_LENGTH, default="", db_default="")
    text = fields.TextField()
    nickname = fields.CharField(max_length=NICKNAME_MAX_LENGTH, default="")
    channel = fields.CharEnumField(Channel, max_length=8, default=Channel.ONLINE)
    status = fields.CharEnumField(Status, max_length=12, default=Status.PUBLISHED, db_index=True)
    highlighted = fields.BooleanField(default=False)
    answered = fields.BooleanField(default=False)
    # Its place in the moderators' "Auf die Leinwand" list (features.screen.service), lowest first.
    # NULL: not picked for the hall screen.
    screen_position = fields.IntField(null=True)
    vote_count = fields.IntField(default=0)
    # The city's official answer (features.answers): NULL until an organiser gives one.
    official_status = fields.CharEnumField(OfficialStatus, max_length=16, null=True)
    official_text = fields.TextField(default="", db_default="")
    official_at = fields.DatetimeField(null=True)
    author_id = fields.CharField(max_length=64, db_index=True)
    # Chosen by the browser per draft: a post re-sent after a lost connection is stored once.
    client_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contribution"
        indexes = (("event_id", "status", "id"), ("result_id", "status", "kind"))
        unique_together = (("author_id", "client_key"),)


class Vote(Model):
    """One browser supports one contribution once, and voting again takes the support back.

    (No semicolons in model docstrings: Tortoise puts them into the CREATE TABLE comment.)
    """

    id = fields.IntField(primary_key=True)
    contribution: fields.ForeignKeyRelation[Contribution] = fields.ForeignKeyField(
        "models.Contribution", related_name="votes", on_delete=fields.CASCADE
    )
    contribution_id: int
    voter_id = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "vote"
        unique_together = (("contribution_id", "voter_id"),)
