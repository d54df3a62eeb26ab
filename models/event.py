"""The event and its programme (agenda): what is on stage, when, and where."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ModerationMode(StrEnum):
    """Pre: posts wait for a moderator. Post: posts appear at once and can be hidden later."""

    PRE = "pre"
    POST = "post"


class ScreenMode(StrEnum):
    """What the hall screen shows, as the moderators choose it live."""

    WALL = "wall"
    HIGHLIGHT = "highlight"
    QR = "qr"
    PAUSE = "pause"
    POLL = "poll"  # the results of the poll a moderator put on the screen (models.poll.Poll.on_screen)


class ScreenSource(StrEnum):
    """Which posts the hall screen lists: every published one, or only those moderators picked."""

    ALL = "all"
    PICKED = "picked"


class Event(Model):
    """One conference. The app shows the event with the latest start (see services.events)."""

    # The first line above is stored as the table description by migration 0001 (services.events
    # is now features.agenda.service); changing it would need a migration.

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    venue = fields.CharField(max_length=200, default="")
    address = fields.CharField(max_length=300, default="")
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    livestream_url = fields.CharField(max_length=500, default="")
    participation_opens_at = fields.DatetimeField(null=True)
    participation_closes_at = fields.DatetimeField(null=True)
    moderation_mode = fields.CharEnumField(ModerationMode, max_length=8, default=ModerationMode.POST)
    # The moderators' choice of what is on stage; NULL means "follow the clock".
    current_agenda_item: fields.ForeignKeyNullableRelation[AgendaItem] = fields.ForeignKeyField(
        "models.AgendaItem", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    current_agenda_item_id: int | None
    # db_default: events stored before the moderators could choose show the wall, as before.
    screen_mode = fields.CharEnumField(ScreenMode, max_length=10, default=ScreenMode.WALL, db_default="wall")
    # Which posts the hall screen lists (features.screen.service). A new event lists only the
    # moderators' picks, so nothing reaches the projector that nobody chose. db_default: events
    # stored before the choice existed keep listing every published post, as before.
    screen_source = fields.CharEnumField(ScreenSource, max_length=8, default=ScreenSource.PICKED, db_default="all")
    # The pause slide's text, e.g. "Mittagspause – weiter um 13:00". Empty: the app's default text.
    screen_pause_text = fields.CharField(max_length=200, default="", db_default="")
    # Whether screen cards show how many people support a post.
    screen_show_support = fields.BooleanField(default=False, db_default=False)
    # The organisers' blocked words, one per line. NULL: the defaults of features.moderation.filters.
    blocked_words = fields.TextField(null=True)
    # Set by organisers in /admin. Empty: the value from the settings (PUBLIC_URL, IMPRINT_URL, PRIVACY_URL).
    public_url = fields.CharField(max_length=500, default="", db_default="")
    imprint_url = fields.CharField(max_length=500, default="", db_default="")
    privacy_url = fields.CharField(max_length=500, default="", db_default="")
    # The day after which organisers may delete every contribution of the event (privacy). NULL: not set.
    retention_until = fields.DateField(null=True)
    # English versions of the texts above; empty: the German shows, marked lang="de".
    title_en = fields.CharField(max_length=200, default="", db_default="")
    description_en = fields.TextField(default="", db_default="")
    # Accessible stream: a WebVTT file for the player or a live-caption page, and a second stream
    # with a sign-language (DGS) interpreter. Empty: not offered.
    captions_url = fields.CharField(max_length=500, default="", db_default="")
    sign_language_url = fields.CharField(max_length=500, default="", db_default="")
    # "In Leichter Sprache": the organisers' short explanation of the event and how to take part.
    easy_language_text = fields.TextField(default="", db_default="")
    easy_language_text_en = fields.TextField(default="", db_default="")
    # After the conference ends, until participation closes: may people still post on the wall?
    wall_open_after_event = fields.BooleanField(default=False, db_default=False)
    # When organisers published the council report (the documentation) for everyone. NULL: not yet.
    report_published_at = fields.DatetimeField(null=True)
    is_demo = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    agenda_items: fields.ReverseRelation[AgendaItem]

    class Meta:
        table = "event"


class AgendaItem(Model):
    """One slot of the programme. `position` orders items that share a start time."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="agenda_items", on_delete=fields.CASCADE
    )
    event_id: int
    position = fields.IntField(default=0)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    speakers = fields.CharField(max_length=500, default="")
    location = fields.CharField(max_length=200, default="")
    title_en = fields.CharField(max_length=200, default="", db_default="")
    description_en = fields.TextField(default="", db_default="")

    class Meta:
        table = "agenda_item"
        ordering = ("starts_at", "position", "id")

    def is_running_at(self, moment: object) -> bool:
        return self.starts_at <= moment < self.ends_at  # type: ignore[operator]
