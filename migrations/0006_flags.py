"""A participant's report of a post is a flag in the code (the council report is features.exports).

Only names change: the table stays `contribution_report` and the column stays `reporter_id`, so
no row moves.
"""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_generator.state import State


class RenameModelWithRelations(ops.RenameModel):
    """Tortoise 1.1's RenameModel re-renders only the renamed model, so Contribution keeps the
    backward relation of the old class and loading the state fails ("backward relation ...
    duplicates in model Contribution"). This one re-renders the related models too. Enough here:
    no foreign key points to Report, and its table name is set explicitly, so it stays."""

    def state_forward(self, app_label: str, state: State) -> None:
        neighbours = state._find_related_models(app_label, self.old_name) - {(app_label, self.old_name)}
        model_state = state.models.pop((app_label, self.old_name))
        state.apps.unregister_model(app_label, self.old_name)
        model_state.name = self.new_name
        state.models[(app_label, self.new_name)] = model_state
        state._reload(neighbours | {(app_label, self.new_name)})


class Migration(migrations.Migration):
    dependencies = [('models', '0005_retention_and_links')]

    initial = False

    operations = [
        RenameModelWithRelations(old_name='Report', new_name='Flag'),
        ops.AlterField(
            model_name='Flag',
            name='reporter_id',
            field=fields.CharField(source_field='reporter_id', max_length=64),
        ),
        ops.RenameField(model_name='Flag', old_name='reporter_id', new_name='flagger_id'),
        ops.AlterField(
            model_name='Flag',
            name='contribution',
            field=fields.ForeignKeyField('models.Contribution', source_field='contribution_id', db_constraint=True, to_field='id', related_name='flags', on_delete=OnDelete.CASCADE),
        ),
        # State only (AlterModelOptions writes no SQL): the unique pair names the field by its new
        # name, the database constraint on (contribution_id, reporter_id) stays as it is.
        ops.AlterModelOptions(
            name='Flag',
            options={'table': 'contribution_report', 'app': 'models', 'unique_together': (('contribution_id', 'flagger_id'),), 'pk_attr': 'id', 'table_description': 'A participant flags a contribution as not okay, once per browser and contribution.'},
        ),
    ]
