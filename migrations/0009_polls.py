"""Live polls (poll, poll_option, poll_answer, poll_choice) and the screen's "poll" mode.

The screen mode's new value needs no SQL: the column is a VARCHAR(10) either way. Tortoise 1.1
would rebuild the whole event table on SQLite for the changed choices, and dropping the old
table cascades into every contribution, so that change is made in the migration state only.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from models.contribution import Channel
from models.event import ScreenMode
from models.poll import PollKind, PollState, ResultsVisibility
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class AlterFieldInStateOnly(ops.AlterField):
    """Only the description (the enum's choices) changes: nothing to write to the database."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None) -> None:  # noqa: ANN001
        return None

    async def database_backward(self, app_label, old_state, new_state, state_editor=None) -> None:  # noqa: ANN001
        return None


class Migration(migrations.Migration):
    dependencies = [('models', '0008_established_browsers')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Poll',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('models.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='polls', on_delete=OnDelete.CASCADE)),
                ('agenda_item', fields.ForeignKeyField('models.AgendaItem', source_field='agenda_item_id', null=True, db_constraint=True, to_field='id', related_name='polls', on_delete=OnDelete.SET_NULL)),
                ('position', fields.IntField(default=0)),
                ('kind', fields.CharEnumField(description='SINGLE: single\nMULTIPLE: multiple\nSCALE: scale\nRANKING: ranking\nWORDS: words', enum_type=PollKind, max_length=10)),
                ('question', fields.CharField(max_length=300)),
                ('question_en', fields.CharField(default='', max_length=300)),
                ('state', fields.CharEnumField(default=PollState.DRAFT, db_index=True, description='DRAFT: draft\nOPEN: open\nCLOSED: closed', enum_type=PollState, max_length=8)),
                ('results_visibility', fields.CharEnumField(default=ResultsVisibility.LIVE, description='LIVE: live\nAFTER_CLOSING: after_closing\nMODERATORS: moderators', enum_type=ResultsVisibility, max_length=14)),
                ('max_choices', fields.IntField(default=1)),
                ('scale_min', fields.IntField(default=1)),
                ('scale_max', fields.IntField(default=5)),
                ('scale_min_label', fields.CharField(default='', max_length=60)),
                ('scale_min_label_en', fields.CharField(default='', max_length=60)),
                ('scale_max_label', fields.CharField(default='', max_length=60)),
                ('scale_max_label_en', fields.CharField(default='', max_length=60)),
                ('removed_words', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('on_screen', fields.BooleanField(default=False)),
                ('opened_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'poll', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A poll of the event, prepared ahead and opened live by a moderator.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PollAnswer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('poll', fields.ForeignKeyField('models.Poll', source_field='poll_id', db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.CASCADE)),
                ('browser_id', fields.CharField(max_length=64)),
                ('channel', fields.CharEnumField(default=Channel.ONLINE, description='ONLINE: online\nHALL: hall', enum_type=Channel, max_length=8)),
                ('value', fields.IntField(null=True)),
                ('words', fields.CharField(default='', max_length=60)),
                ('words_key', fields.CharField(default='', max_length=60)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'poll_answer', 'app': 'models', 'unique_together': (('poll_id', 'browser_id'),), 'pk_attr': 'id', 'table_description': 'One answer per browser and poll: the scale value or the words here, chosen options as rows.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PollOption',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('poll', fields.ForeignKeyField('models.Poll', source_field='poll_id', db_constraint=True, to_field='id', related_name='options', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField(default=0)),
                ('label', fields.CharField(max_length=120)),
                ('label_en', fields.CharField(default='', max_length=120)),
            ],
            options={'table': 'poll_option', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PollChoice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('answer', fields.ForeignKeyField('models.PollAnswer', source_field='answer_id', db_constraint=True, to_field='id', related_name='choices', on_delete=OnDelete.CASCADE)),
                ('option', fields.ForeignKeyField('models.PollOption', source_field='option_id', db_constraint=True, to_field='id', related_name='choices', on_delete=OnDelete.CASCADE)),
                ('rank', fields.IntField(default=0)),
            ],
            options={'table': 'poll_choice', 'app': 'models', 'unique_together': (('answer_id', 'option_id'),), 'pk_attr': 'id', 'table_description': 'An option chosen in an answer, with its place in a ranking (1 = first, 0 for other kinds).'},
            bases=['Model'],
        ),
        AlterFieldInStateOnly(
            model_name='Event',
            name='screen_mode',
            field=fields.CharEnumField(default=ScreenMode.WALL, description='WALL: wall\nHIGHLIGHT: highlight\nQR: qr\nPAUSE: pause\nPOLL: poll', db_default='wall', enum_type=ScreenMode, max_length=10),
        ),
    ]
