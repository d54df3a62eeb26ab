"""English versions of the texts, the accessible stream, the easy-language page, the wall after
the event and the published report (the conference's phases, issue 13)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_flags')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AgendaItem',
            name='description_en',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='AgendaItem',
            name='title_en',
            field=fields.CharField(default='', db_default='', max_length=200),
        ),
        ops.AddField(
            model_name='Event',
            name='captions_url',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Event',
            name='description_en',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Event',
            name='easy_language_text',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Event',
            name='easy_language_text_en',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Event',
            name='report_published_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Event',
            name='sign_language_url',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Event',
            name='title_en',
            field=fields.CharField(default='', db_default='', max_length=200),
        ),
        ops.AddField(
            model_name='Event',
            name='wall_open_after_event',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Result',
            name='body_en',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Result',
            name='summary_en',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Result',
            name='title_en',
            field=fields.CharField(default='', db_default='', max_length=200),
        ),
        ops.AddField(
            model_name='ResultImage',
            name='alt_en',
            field=fields.CharField(default='', db_default='', max_length=300),
        ),
        ops.AddField(
            model_name='Topic',
            name='name_en',
            field=fields.CharField(default='', db_default='', max_length=120),
        ),
    ]
