"""Issue 16, official answers: the status the city gives a contribution, its answer text and when."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from models.contribution import OfficialStatus
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0011_screen_picks")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Contribution",
            name="official_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name="Contribution",
            name="official_status",
            field=fields.CharEnumField(
                null=True,
                description="IN_REVIEW: in_review\nADOPTED: adopted\nPARTLY_ADOPTED: partly_adopted\nNOT_ADOPTED: not_adopted\nALREADY_DONE: already_done",
                enum_type=OfficialStatus,
                max_length=16,
            ),
        ),
        ops.AddField(
            model_name="Contribution",
            name="official_text",
            field=fields.TextField(default="", db_default="", unique=False),
        ),
    ]
