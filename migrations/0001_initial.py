from tortoise import migrations
from tortoise.migrations import operations as ops
from models.event import ModerationMode
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Event',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('venue', fields.CharField(default='', max_length=200)),
                ('address', fields.CharField(default='', max_length=300)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('livestream_url', fields.CharField(default='', max_length=500)),
                ('participation_opens_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('participation_closes_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('moderation_mode', fields.CharEnumField(default=ModerationMode.POST, description='PRE: pre\nPOST: post', enum_type=ModerationMode, max_length=8)),
                ('is_demo', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'event', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One conference. The app shows the event with the latest start (see services.events).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('models.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='agenda_items', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField(default=0)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('title', fields.CharField(max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('speakers', fields.CharField(default='', max_length=500)),
                ('location', fields.CharField(default='', max_length=200)),
            ],
            options={'table': 'agenda_item', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One slot of the programme. `position` orders items that share a start time.'},
            bases=['Model'],
        ),
        # Added after both tables exist: the event points at an agenda item and vice versa.
        ops.AddField(
            model_name='Event',
            name='current_agenda_item',
            field=fields.ForeignKeyField('models.AgendaItem', source_field='current_agenda_item_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
    ]
