from tortoise import migrations
from tortoise.migrations import operations as ops
from models.contribution import Status
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_staff_moderation')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Contribution',
            name='status',
            field=fields.CharEnumField(default=Status.PUBLISHED, db_index=True, description='PENDING: pending\nPUBLISHED: published\nHIDDEN: hidden\nREJECTED: rejected\nWITHDRAWN: withdrawn', enum_type=Status, max_length=12),
        ),
        ops.AddField(
            model_name='Event',
            name='imprint_url',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Event',
            name='privacy_url',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Event',
            name='public_url',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Event',
            name='retention_until',
            field=fields.DateField(null=True),
        ),
    ]
