"""Editors and Moderators maintain the taxonomy; only Moderators may delete from it.

Deleting a metal or an institution untags content across the site, so it is
left to the role that also publishes.
"""

from django.db import migrations

MODELS = ("metal", "process", "institution")
GRANTS = {"Editors": ("add", "change", "view"), "Moderators": ("add", "change", "delete", "view")}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group_name, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model in MODELS:
            # Permissions are normally created after all migrations ran; create them now.
            content_type, _ = ContentType.objects.get_or_create(app_label="taxonomy", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="taxonomy"))


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),  # after Wagtail created the Editors and Moderators groups
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
