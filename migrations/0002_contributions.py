from tortoise import migrations
from tortoise.migrations import operations as ops
from models.contribution import Channel, Status
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Contribution',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('models.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='contributions', on_delete=OnDelete.CASCADE)),
                ('agenda_item', fields.ForeignKeyField('models.AgendaItem', source_field='agenda_item_id', null=True, db_constraint=True, to_field='id', related_name='contributions', on_delete=OnDelete.SET_NULL)),
                ('text', fields.TextField(unique=False)),
                ('nickname', fields.CharField(default='', max_length=40)),
                ('channel', fields.CharEnumField(default=Channel.ONLINE, description='ONLINE: online\nHALL: hall', enum_type=Channel, max_length=8)),
                ('status', fields.CharEnumField(default=Status.PUBLISHED, db_index=True, description='PENDING: pending\nPUBLISHED: published\nHIDDEN: hidden\nREJECTED: rejected', enum_type=Status, max_length=12)),
                ('highlighted', fields.BooleanField(default=False)),
                ('answered', fields.BooleanField(default=False)),
                ('vote_count', fields.IntField(default=0)),
                ('author_id', fields.CharField(db_index=True, max_length=64)),
                ('client_key', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'contribution', 'app': 'models', 'unique_together': (('author_id', 'client_key'),), 'indexes': [Index(fields=['event_id', 'status', 'id'])], 'pk_attr': 'id', 'table_description': 'A text by a participant, known only by an anonymous browser id, never by name.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Vote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('contribution', fields.ForeignKeyField('models.Contribution', source_field='contribution_id', db_constraint=True, to_field='id', related_name='votes', on_delete=OnDelete.CASCADE)),
                ('voter_id', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'vote', 'app': 'models', 'unique_together': (('contribution_id', 'voter_id'),), 'pk_attr': 'id', 'table_description': 'One browser supports one contribution once, and voting again takes the support back.'},
            bases=['Model'],
        ),
    ]
