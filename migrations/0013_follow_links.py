"""Issue 16, following without an account: the private follow links (only their hashes)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0012_official_answers")]

    initial = False

    operations = [
        ops.CreateModel(
            name="FollowLink",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("token_hash", fields.CharField(unique=True, max_length=64)),
                ("author_id", fields.CharField(db_index=True, max_length=64)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "follow_link",
                "app": "models",
                "pk_attr": "id",
                "table_description": "An unguessable token bound to one anonymous browser id, of which only the hash is stored.",
            },
            bases=["Model"],
        ),
    ]
