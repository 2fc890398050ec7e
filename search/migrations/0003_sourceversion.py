from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_editor_permissions")]

    operations = [
        migrations.CreateModel(
            name="SourceVersion",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "search source version", "verbose_name_plural": "search source versions"},
        ),
    ]
