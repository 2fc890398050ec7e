"""The portal's roles as groups (portal/accounts/roles.py).

Wagtail's own migrations created Editors and Moderators; this adds Members
(no admin access) and Administrators (admin access here; every other
permission is granted after each migrate by ``roles.grant_administrators``).
"""

from django.db import migrations

ROLES = ("Members", "Editors", "Moderators", "Administrators")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"})
    Group.objects.get(name="Administrators").permissions.add(access_admin)


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=("Members", "Administrators")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
