"""Who may see what: the one place where the portal's visibility rules live.

Every index entry carries a tuple of *visibility values*, and every viewer
holds a tuple of them; an entry is shown when the two share a value.

========================  ====================================================
``"public"``              no view restriction on the item or its ancestors
``"members"``             Wagtail's "private, accessible to logged-in users"
                          (restriction type ``login``): any active member
``"group:<name>"``        "private, accessible to users in specific groups"
                          (type ``groups``): one value per allowed group
``"password"``            a shared password (type ``password``): held by no
                          viewer, so such items never appear in search
========================  ====================================================

Restrictions are inherited: a page carries those of its ancestors
(``Page.get_view_restrictions``), a document those of its collection and the
collection's ancestors. A viewer must pass all of them, as Wagtail demands
when it serves the page, so the groups of nested ``groups`` restrictions are
intersected, and an empty intersection yields :data:`NOBODY`.

A viewer holds ``"public"``; an active logged-in user also ``"members"`` and
``"group:<name>"`` for each of their groups; a superuser every group value
(Wagtail lets superusers past every ``groups`` restriction).

Pages use :func:`page_visibility`, standalone documents
:func:`collection_visibility`; a PDF held by a page is indexed inside the
page's entry and so has the page's visibility. Serving a PDF checks the pages
that hold it with :func:`may_view_restrictions` (``portal.accounts.wagtail_hooks``).
"""

from __future__ import annotations

from typing import Iterable

from django.contrib.auth.models import Group
from wagtail.models import BaseViewRestriction

PUBLIC = "public"
MEMBERS = "members"
PASSWORD = "password"
GROUP_PREFIX = "group:"
#: groups restrictions whose allowed groups do not overlap: only superusers pass them in Wagtail
NOBODY = "nobody"


def group_value(name: str) -> str:
    """The visibility value of the Django group called ``name``."""
    return f"{GROUP_PREFIX}{name}"


def restriction_visibility(restrictions: Iterable[BaseViewRestriction]) -> tuple[str, ...]:
    """The visibility of an item that carries ``restrictions`` (its own and its ancestors')."""
    restrictions = list(restrictions)
    if not restrictions:
        return (PUBLIC,)
    if any(r.restriction_type == BaseViewRestriction.PASSWORD for r in restrictions):
        return (PASSWORD,)
    allowed: set[str] | None = None  # None: every logged-in member
    for restriction in restrictions:
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            names = {group.name for group in restriction.groups.all()}
            allowed = names if allowed is None else allowed & names
    if allowed is None:
        return (MEMBERS,)
    if not allowed:
        return (NOBODY,)
    return tuple(group_value(name) for name in sorted(allowed))


def page_visibility(page) -> tuple[str, ...]:
    """Who may see ``page``, its own restrictions and those of its ancestors included."""
    return restriction_visibility(page.get_view_restrictions().prefetch_related("groups"))


def collection_visibility(collection) -> tuple[str, ...]:
    """Who may see the documents of ``collection``, its ancestors' restrictions included."""
    return restriction_visibility(collection.get_view_restrictions().prefetch_related("groups"))


def viewer_groups(user) -> tuple[str, ...]:
    """The visibility values ``user`` holds (``None`` or anonymous: the public only)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return (PUBLIC,)
    groups = Group.objects.all() if user.is_superuser else user.groups.all()
    names = sorted(groups.values_list("name", flat=True))
    return (PUBLIC, MEMBERS, *(group_value(name) for name in names))


def may_view_restrictions(restrictions: Iterable[BaseViewRestriction], request) -> bool:
    """Whether ``request`` passes every one of ``restrictions``, as Wagtail checks them when serving."""
    return all(restriction.accept_request(request) for restriction in restrictions)
