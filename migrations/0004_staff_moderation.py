from tortoise import migrations
from tortoise.migrations import operations as ops
from models.event import ScreenMode
from models.staff import Role
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_results')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Report',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('contribution', fields.ForeignKeyField('models.Contribution', source_field='contribution_id', db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.CASCADE)),
                ('reporter_id', fields.CharField(max_length=64)),
                ('reviewed', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'contribution_report', 'app': 'models', 'unique_together': (('contribution_id', 'reporter_id'),), 'pk_attr': 'id', 'table_description': 'A participant flags a contribution as not okay, once per browser and contribution.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StaffAccount',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=40)),
                ('role', fields.CharEnumField(default=Role.MODERATOR, description='MODERATOR: moderator\nORGANISER: organiser', enum_type=Role, max_length=12)),
                ('password_hash', fields.CharField(max_length=200)),
                ('failed_logins', fields.IntField(default=0)),
                ('locked_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'staff_account', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A moderator or organiser. Only an argon2 hash of the password is stored.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ModerationLogEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('models.Event', source_field='event_id', db_constraint=True, to_field='id', related_name='moderation_log', on_delete=OnDelete.CASCADE)),
                ('staff', fields.ForeignKeyField('models.StaffAccount', source_field='staff_id', null=True, db_constraint=True, to_field='id', related_name='log_entries', on_delete=OnDelete.SET_NULL)),
                ('staff_name', fields.CharField(default='', max_length=40)),
                ('action', fields.CharField(max_length=32)),
                ('contribution', fields.ForeignKeyField('models.Contribution', source_field='contribution_id', null=True, db_constraint=True, to_field='id', related_name='moderation_log', on_delete=OnDelete.SET_NULL)),
                ('reason', fields.CharField(default='', max_length=32)),
                ('detail', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'moderation_log', 'app': 'models', 'indexes': [Index(fields=['contribution_id', 'action', 'id'])], 'pk_attr': 'id', 'table_description': 'Who did what to which contribution or setting, when and why. Written once, never changed.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StaffSession',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('models.StaffAccount', source_field='account_id', db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'staff_session', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One signed-in browser. The cookie holds a random token and this table only its SHA-256 hash.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Event',
            name='blocked_words',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='Event',
            name='screen_mode',
            field=fields.CharEnumField(default=ScreenMode.WALL, description='WALL: wall\nHIGHLIGHT: highlight\nQR: qr\nPAUSE: pause', db_default='wall', enum_type=ScreenMode, max_length=10),
        ),
    ]
