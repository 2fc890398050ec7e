"""Load the reference vocabulary: every metal, its group and the field's processes (portal.taxonomy.reference).

Only missing slugs are created; rows that exist (an install that ran the old
demo seeding, or an editor's own entries) are kept as they are.  Going back
removes nothing: by then the rows may be edited and tagged on content.  A
later migration that adds reference entries names the slugs it adds (see
``portal.taxonomy.loading``), so it does not bring back rows editors deleted.
"""

from django.db import migrations

from portal.taxonomy.loading import load_reference_vocabulary


def load(apps, schema_editor):
    load_reference_vocabulary(apps.get_model("taxonomy", "Metal"), apps.get_model("taxonomy", "Process"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_metal_strategic_raw_material")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
