"""Live polls: a question the hall and the stream answer together (choice, scale, ranking, words).

One answer per browser and poll (unique), changed in place until the poll closes; the chosen
options are rows of their own so results are counted by the database (GROUP BY), never by
loading every answer.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.contribution import Channel

QUESTION_MAX_LENGTH = 300
OPTION_MAX_LENGTH = 120
SCALE_LABEL_MAX_LENGTH = 60
WORDS_MAX_LENGTH = 60
MAX_OPTIONS = 8


class PollKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    RANKING = "ranking"
    WORDS = "words"


class PollState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class ResultsVisibility(StrEnum):
    """Who sees the results while the poll is open: everyone (live), everyone once it closed
    (no group-think while people answer), or only the moderators."""

    LIVE = "live"
    AFTER_CLOSING = "after_closing"
    MODERATORS = "moderators"


class Poll(Model):
    """A poll of the event, prepared ahead and opened live by a moderator."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Event", related_name="polls", on_delete=fields.CASCADE
    )
    event_id: int
    agenda_item: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.AgendaItem", related_name="polls", null=True, on_delete=fields.SET_NULL
    )
    agenda_item_id: int | None
    position = fields.IntField(default=0)
    kind = fields.CharEnumField(PollKind, max_length=10)
    question = fields.CharField(max_length=QUESTION_MAX_LENGTH)
    question_en = fields.CharField(max_length=QUESTION_MAX_LENGTH, default="")
    state = fields.CharEnumField(PollState, max_length=8, default=PollState.DRAFT, db_index=True)
    results_visibility = fields.CharEnumField(ResultsVisibility, max_length=14, default=ResultsVisibility.LIVE)
    # multiple choice: how many options one may tick at most
    max_choices = fields.IntField(default=1)
    # rating scale: the range and what its ends mean
    scale_min = fields.IntField(default=1)
    scale_max = fields.IntField(default=5)
    scale_min_label = fields.CharField(max_length=SCALE_LABEL_MAX_LENGTH, default="")
    scale_min_label_en = fields.CharField(max_length=SCALE_LABEL_MAX_LENGTH, default="")
    scale_max_label = fields.CharField(max_length=SCALE_LABEL_MAX_LENGTH, default="")
    scale_max_label_en = fields.CharField(max_length=SCALE_LABEL_MAX_LENGTH, default="")
    # word cloud: words a moderator took out of the cloud (normalised), shown nowhere again
    removed_words = fields.JSONField(default=list)
    # the poll whose results /screen shows in its "poll" mode (at most one per event)
    on_screen = fields.BooleanField(default=False)
    opened_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    options: fields.ReverseRelation[PollOption]

    class Meta:
        table = "poll"
        ordering = ("position", "id")


class PollOption(Model):
    id = fields.IntField(primary_key=True)
    poll: fields.ForeignKeyRelation[Poll] = fields.ForeignKeyField(
        "models.Poll", related_name="options", on_delete=fields.CASCADE
    )
    poll_id: int
    position = fields.IntField(default=0)
    label = fields.CharField(max_length=OPTION_MAX_LENGTH)
    label_en = fields.CharField(max_length=OPTION_MAX_LENGTH, default="")

    class Meta:
        table = "poll_option"
        ordering = ("position", "id")


class PollAnswer(Model):
    """One answer per browser and poll: the scale value or the words here, chosen options as rows."""

    id = fields.IntField(primary_key=True)
    poll: fields.ForeignKeyRelation[Poll] = fields.ForeignKeyField(
        "models.Poll", related_name="answers", on_delete=fields.CASCADE
    )
    poll_id: int
    browser_id = fields.CharField(max_length=64)
    channel = fields.CharEnumField(Channel, max_length=8, default=Channel.ONLINE)
    value = fields.IntField(null=True)
    words = fields.CharField(max_length=WORDS_MAX_LENGTH, default="")
    # the words as the cloud groups them (case and spacing folded), counted by the database
    words_key = fields.CharField(max_length=WORDS_MAX_LENGTH, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "poll_answer"
        unique_together = (("poll_id", "browser_id"),)


class PollChoice(Model):
    """An option chosen in an answer, with its place in a ranking (1 = first, 0 for other kinds).

    (Model docstrings become SQL comments: no semicolons, no backticks.)
    """

    id = fields.IntField(primary_key=True)
    answer: fields.ForeignKeyRelation[PollAnswer] = fields.ForeignKeyField(
        "models.PollAnswer", related_name="choices", on_delete=fields.CASCADE
    )
    answer_id: int
    option: fields.ForeignKeyRelation[PollOption] = fields.ForeignKeyField(
        "models.PollOption", related_name="choices", on_delete=fields.CASCADE
    )
    option_id: int
    rank = fields.IntField(default=0)

    class Meta:
        table = "poll_choice"
        unique_together = (("answer_id", "option_id"),)
