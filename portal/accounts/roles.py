"""The portal's roles, as Django groups.

* **Members**: member accounts; no admin access. Page and collection privacy
  set to "logged-in users" admits every active account, privacy set to
  "specific groups" admits the chosen groups (``portal.access``).
* **Editors** and **Moderators**: created by Wagtail's own migrations, with
  the page permissions the editorial workflow needs.
* **Administrators**: admin access and every permission: every model
  permission, and every page and collection permission from the root down.
  :func:`grant_administrators` runs after each ``migrate`` so permissions of
  models added later are granted too. Superusers can do the same and more
  (they pass every group restriction); the group lets an administrator work
  without a superuser account.
"""

from __future__ import annotations

MEMBERS = "Members"
EDITORS = "Editors"
MODERATORS = "Moderators"
ADMINISTRATORS = "Administrators"
ROLES = (MEMBERS, EDITORS, MODERATORS, ADMINISTRATORS)


def grant_administrators(sender=None, using="default", apps=None, **kwargs) -> None:
    """Give the Administrators group every permission that exists (idempotent)."""
    from django.apps import apps as global_apps

    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is not None and with_models and sender is not with_models[-1]:
        return  # post_migrate comes once per app: wait until every app has created its permissions
    if sender is not None:
        # The receivers of the last app may run before auth's own: create its permissions now (idempotent).
        from django.contrib.auth.management import create_permissions

        create_permissions(sender, verbosity=0, using=using, apps=apps or global_apps)
    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        Page = apps.get_model("wagtailcore", "Page")
        Collection = apps.get_model("wagtailcore", "Collection")
    except LookupError:  # a partial migration state: the next migrate completes it
        return
    group = Group.objects.using(using).filter(name=ADMINISTRATORS).first()
    if group is None:
        return
    group.permissions.add(*Permission.objects.using(using).all())
    root_page = Page.objects.using(using).filter(depth=1).first()
    if root_page is not None:
        for permission in Permission.objects.using(using).filter(content_type__app_label="wagtailcore",
                                                                 content_type__model="page"):
            GroupPagePermission.objects.using(using).get_or_create(group=group, page=root_page, permission=permission)
    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection is not None:
        for permission in Permission.objects.using(using).filter(
                content_type__app_label__in=("wagtaildocs", "wagtailimages", "ingest"),
                codename__regex=r"^(add|change|delete|choose)_(document|image|portaldocument)$"):
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group, collection=root_collection, permission=permission)
