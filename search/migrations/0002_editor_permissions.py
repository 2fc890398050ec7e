"""Editors and Moderators promote search results and read the "Search queries" report.

Promotions only ever show live pages the visitor may see, so choosing them
is left to both editorial roles, not only to the one that publishes.
"""

from django.db import migrations

GROUPS = ("Editors", "Moderators")
GRANTS = {
    ("wagtailsearchpromotions", "searchpromotion"): ("add", "change", "delete"),
    ("portal_search", "queryday"): ("view",),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = []
    for (app_label, model), actions in GRANTS.items():
        # Permissions are normally created after all migrations ran; create them now.
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(permission)
    for group_name in GROUPS:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=GROUPS):
        for (app_label, model), actions in GRANTS.items():
            group.permissions.remove(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions]
            ))


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailcore", "0098_apitoken"),  # after Wagtail created the Editors and Moderators groups
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
