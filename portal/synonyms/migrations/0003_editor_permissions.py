"""Editors and Moderators keep the synonym sets, as they keep the taxonomy; only Moderators delete them.

An Editor retires a set by unticking "active", which keeps it for a
Moderator to look at; Administrators get every permission after migrate
(``portal.accounts.roles``).
"""

from django.db import migrations

MODEL = "synonymset"
GRANTS = {"Editors": ("add", "change", "view"), "Moderators": ("add", "change", "delete", "view")}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    # Permissions are normally created after all migrations ran; create them now.
    content_type, _ = ContentType.objects.get_or_create(app_label="synonyms", model=MODEL)
    for group_name, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{MODEL}", defaults={"name": f"Can {action} synonym set"}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="synonyms"))


class Migration(migrations.Migration):
    dependencies = [
        ("synonyms", "0002_common_sets"),
        ("wagtailcore", "0098_apitoken"),  # after Wagtail created the Editors and Moderators groups
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
