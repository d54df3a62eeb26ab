"""Workshop results ("Ausgangsbilder") grouped by topic, and the pictures that show them.

A result belongs to the event through its topic. Its images are files the app generated itself
(re-encoded with Pillow under DATA_DIR/media), so a stored name is never a path a person chose.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

TOPIC_NAME_MAX_LENGTH = 120
RESULT_TITLE_MAX_LENGTH = 200
RESULT_SUMMARY_MAX_LENGTH = 500
ALT_TEXT_MAX_LENGTH = 300


class Topic(Model):
    """A theme table of the conference, e.g. Mobilität, with its colour in the gallery."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Event", related_name="topics", on_delete=fields.CASCADE
    )
    event_id: int
    name = fields.CharField(max_length=TOPIC_NAME_MAX_LENGTH)
    name_en = fields.CharField(max_length=TOPIC_NAME_MAX_LENGTH, default="", db_default="")
    colour = fields.CharField(max_length=7, default="#1e3a8a")
    position = fields.IntField(default=0)

    results: fields.ReverseRelation[Result]

    class Meta:
        table = "topic"
        ordering = ("position", "id")


class Result(Model):
    """One result of a theme table: how the city is today and where it could go."""

    id = fields.IntField(primary_key=True)
    topic: fields.ForeignKeyRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="results", on_delete=fields.CASCADE
    )
    topic_id: int
    # The programme item where it was shown: wall posts written then belong to it too.
    agenda_item: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.AgendaItem", related_name="results", null=True, on_delete=fields.SET_NULL
    )
    agenda_item_id: int | None
    title = fields.CharField(max_length=RESULT_TITLE_MAX_LENGTH)
    summary = fields.CharField(max_length=RESULT_SUMMARY_MAX_LENGTH, default="")
    body = fields.TextField(default="")
    # English versions; empty: the German shows, marked lang="de".
    title_en = fields.CharField(max_length=RESULT_TITLE_MAX_LENGTH, default="", db_default="")
    summary_en = fields.CharField(max_length=RESULT_SUMMARY_MAX_LENGTH, default="", db_default="")
    body_en = fields.TextField(default="", db_default="")
    position = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    images: fields.ReverseRelation[ResultImage]

    class Meta:
        table = "result"
        ordering = ("position", "id")


class ResultImage(Model):
    """A picture of a result, stored twice by the app (large and as a thumbnail), with alt text."""

    id = fields.IntField(primary_key=True)
    result: fields.ForeignKeyRelation[Result] = fields.ForeignKeyField(
        "models.Result", related_name="images", on_delete=fields.CASCADE
    )
    result_id: int
    position = fields.IntField(default=0)
    file_name = fields.CharField(max_length=64)
    thumb_name = fields.CharField(max_length=64)
    width = fields.IntField()
    height = fields.IntField()
    thumb_width = fields.IntField()
    thumb_height = fields.IntField()
    alt = fields.CharField(max_length=ALT_TEXT_MAX_LENGTH)
    alt_en = fields.CharField(max_length=ALT_TEXT_MAX_LENGTH, default="", db_default="")

    class Meta:
        table = "result_image"
        ordering = ("position", "id")
