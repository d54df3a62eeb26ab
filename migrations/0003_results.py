from tortoise import migrations
from tortoise.migrations import operations as ops
from models.contribution import Kind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_contributions')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Topic',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('models.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='topics', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('colour', fields.CharField(default='#1e3a8a', max_length=7)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'topic', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A theme table of the conference, e.g. Mobilität, with its colour in the gallery.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Result',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('topic', fields.ForeignKeyField('models.Topic', source_field='topic_id', db_constraint=True, to_field='id', related_name='results', on_delete=OnDelete.CASCADE)),
                ('agenda_item', fields.ForeignKeyField('models.AgendaItem', source_field='agenda_item_id', null=True, db_constraint=True, to_field='id', related_name='results', on_delete=OnDelete.SET_NULL)),
                ('title', fields.CharField(max_length=200)),
                ('summary', fields.CharField(default='', max_length=500)),
                ('body', fields.TextField(default='', unique=False)),
                ('position', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'result', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One result of a theme table: how the city is today and where it could go.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResultImage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('result', fields.ForeignKeyField('models.Result', source_field='result_id', db_constraint=True, to_field='id', related_name='images', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField(default=0)),
                ('file_name', fields.CharField(max_length=64)),
                ('thumb_name', fields.CharField(max_length=64)),
                ('width', fields.IntField()),
                ('height', fields.IntField()),
                ('thumb_width', fields.IntField()),
                ('thumb_height', fields.IntField()),
                ('alt', fields.CharField(max_length=300)),
            ],
            options={'table': 'result_image', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A picture of a result, stored twice by the app (large and as a thumbnail), with alt text.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Contribution',
            name='kind',
            field=fields.CharEnumField(default=Kind.WALL, description='WALL: wall\nCOMMENT: comment\nPROPOSAL: proposal', db_default='wall', enum_type=Kind, max_length=10),
        ),
        ops.AddField(
            model_name='Contribution',
            name='parent',
            field=fields.ForeignKeyField('models.Contribution', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='replies', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='Contribution',
            name='result',
            field=fields.ForeignKeyField('models.Result', source_field='result_id', null=True, db_constraint=True, to_field='id', related_name='contributions', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='Contribution',
            name='title',
            field=fields.CharField(default='', db_default='', max_length=120),
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['result_id', 'status', 'kind']),
        ),
    ]
