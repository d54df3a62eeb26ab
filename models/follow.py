"""A participant's private follow link: the way back to what their browser wrote, without an account."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class FollowLink(Model):
    """An unguessable token bound to one anonymous browser id, of which only the hash is stored.

    The token itself is shown once when the link is made, so a copy of the database opens nobody's
    page. One browser has at most one valid link: making a new one ends the old one. Revoked links
    stay as rows (revoked_at set) so the page can say the link was ended rather than never existed.
    """

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    author_id = fields.CharField(max_length=64, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "follow_link"
