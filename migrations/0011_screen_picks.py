"""Issue 15, the hall screen the moderators curate: the "Auf die Leinwand" list (a post's place
in it), which posts the screen lists (a new event: only the picked ones, events stored before:
every published post, as before), the pause slide's text and whether cards show support."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from models.event import ScreenSource
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0010_signin_attempts")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Contribution",
            name="screen_position",
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name="Event",
            name="screen_pause_text",
            field=fields.CharField(default="", db_default="", max_length=200),
        ),
        ops.AddField(
            model_name="Event",
            name="screen_show_support",
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name="Event",
            name="screen_source",
            field=fields.CharEnumField(
                default=ScreenSource.PICKED,
                description="ALL: all\nPICKED: picked",
                db_default="all",
                enum_type=ScreenSource,
                max_length=8,
            ),
        ),
    ]
