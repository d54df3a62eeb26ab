"""Failed sign-ins counted per name and network address, before the password is checked
(issue 19: sign-in cannot be raced, cannot lock people out, does not reveal names). Nothing is
carried over: the old per-account counters (staff_account.failed_logins, locked_until) are no
longer written."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_polls')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SignInAttempt',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name_key', fields.CharField(max_length=64)),
                ('origin', fields.CharField(max_length=64)),
                ('failures', fields.IntField(default=0)),
                ('last_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'signin_attempt', 'app': 'models', 'unique_together': (('name_key', 'origin'),), 'pk_attr': 'id', 'table_description': 'Failed sign-ins with one name from one network address (issue 19).'},
            bases=['Model'],
        ),
    ]
