"""Flags remember whether their browser was established and a keyed hash of where they came
from (issue 19: one person must not be able to silence the wall). Flags stored before count as
from brand-new browsers: they stay visible to moderators, they take nothing off the wall."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_english_stream_phases')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Flag',
            name='established',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Flag',
            name='origin',
            field=fields.CharField(default='', db_default='', max_length=16),
        ),
    ]
