"""What moderation keeps: participants' flags on contributions, and the log of every decision.

Moderation never deletes a contribution (it hides or rejects it), and nothing here is ever
deleted or changed by the app either, so organisers can always see who decided what, and why.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Flag(Model):
    """A participant flags a contribution as not okay, once per browser and contribution.

    A review (approve, restore, hide, reject) marks the flags so far as reviewed: only newer
    flags count towards hiding it again. The table and its column keep their first names
    (`contribution_report`, `reporter_id`): a flag is not the council report of features.exports.
    """

    id = fields.IntField(primary_key=True)
    contribution: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Contribution", related_name="flags", on_delete=fields.CASCADE
    )
    contribution_id: int
    # The anonymous browser id of who flagged it (like Vote.voter_id).
    flagger_id = fields.CharField(max_length=64, source_field="reporter_id")
    reviewed = fields.BooleanField(default=False)
    # Whether the browser was established when it flagged (features.contributions.standing): only
    # those flags can take the post off the wall. Flags older than the column count as not.
    established = fields.BooleanField(default=False, db_default=False)
    # A keyed hash of the network address and this post (features.contributions.flags): tells
    # whether two flags of the same post came from the same address, and nothing else.
    origin = fields.CharField(max_length=16, default="", db_default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "contribution_report"
        unique_together = (("contribution_id", "flagger_id"),)


class ModerationLogEntry(Model):
    """Who did what to which contribution or setting, when and why. Written once, never changed.

    The name is copied from the account, so the log still says who it was if the account goes.
    An empty name is the app itself (flags reached the limit).
    """

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Event", related_name="moderation_log", on_delete=fields.CASCADE
    )
    event_id: int
    staff: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.StaffAccount", related_name="log_entries", null=True, on_delete=fields.SET_NULL
    )
    staff_id: int | None
    staff_name = fields.CharField(max_length=40, default="")
    action = fields.CharField(max_length=32)
    contribution: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Contribution", related_name="moderation_log", null=True, on_delete=fields.SET_NULL
    )
    contribution_id: int | None
    reason = fields.CharField(max_length=32, default="")
    detail = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "moderation_log"
        indexes = (("contribution_id", "action", "id"),)
