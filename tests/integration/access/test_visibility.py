"""The visibility rules of portal.access, as the search index and the viewers see them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from ingest.indexing import document_visibility, expected_entries
from portal.access import collection_visibility, page_visibility, viewer_groups
from portal.projects.models import ProjectPage
from portal.searchable import search_document_id
from search.service import viewer_groups_for
from tests.integration.access.conftest import report, restrict

pytestmark = pytest.mark.django_db


def test_each_kind_of_restriction_has_its_visibility(site):
    pages = site["pages"]
    assert page_visibility(pages["public"]) == ("public",)
    assert page_visibility(pages["members"]) == ("members",)
    assert page_visibility(pages["group"]) == ("group:AG Hydrometallurgie",)
    assert page_visibility(pages["password"]) == ("password",)  # held by no viewer: never in search


def test_restrictions_are_inherited_and_nested_groups_intersect(site, groups):
    parent = site["pages"]["group"]
    child = parent.add_child(instance=ProjectPage(title="Messreihe", slug="messreihe", summary="Daten."))
    assert page_visibility(child) == ("group:AG Hydrometallurgie",)
    restrict(child, PageViewRestriction.GROUPS, [groups["hydro"], groups["slag"]])
    assert page_visibility(child) == ("group:AG Hydrometallurgie",)
    restrict(child, PageViewRestriction.GROUPS, [groups["slag"]])
    assert page_visibility(child) == ("nobody",)


def test_a_login_restriction_below_a_group_restriction_keeps_the_group(site):
    child = site["pages"]["group"].add_child(instance=ProjectPage(title="Anhang", slug="anhang", summary="Anhang."))
    restrict(child, PageViewRestriction.LOGIN)
    assert page_visibility(child) == ("group:AG Hydrometallurgie",)


def test_the_index_carries_the_visibility_of_pages_and_standalone_documents(site):
    entries = {entry.id: entry for entry in expected_entries()}
    for key, visibility in (("public", ("public",)), ("members", ("members",)),
                            ("group", ("group:AG Hydrometallurgie",)), ("password", ("password",))):
        assert entries[search_document_id(site["pages"][key].pk)].visibility == visibility
    assert document_visibility(site["archived"]) == ("members",)
    assert entries[f"document:{site['archived'].pk}"].visibility == ("members",)
    # a PDF held by a page is not an entry of its own: its text has the page's visibility
    assert f"document:{report(site['pages']['members']).pk}" not in entries


def test_collection_privacy_is_inherited_by_child_collections(site, groups):
    child = site["private"].add_child(name="2012")
    assert collection_visibility(child) == ("members",)
    restriction = CollectionViewRestriction.objects.create(collection=child,
                                                           restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([groups["slag"]])
    assert collection_visibility(child) == ("group:AG Schlacken",)
    assert collection_visibility(Collection.get_first_root_node()) == ("public",)


def test_what_each_viewer_holds(groups):
    assert viewer_groups(None) == ("public",)
    assert viewer_groups(AnonymousUser()) == ("public",)
    member = User.objects.create_user("mitglied")
    member.groups.add(groups["slag"])
    assert viewer_groups(member) == ("public", "members", "group:AG Schlacken")
    assert viewer_groups_for(member) == viewer_groups(member)  # the search service asks the same module
    member.is_active = False
    assert viewer_groups(member) == ("public",)
    admin = User.objects.create_superuser("admin")
    assert {"public", "members", "group:AG Hydrometallurgie", "group:AG Schlacken", "group:Members"} <= set(
        viewer_groups(admin))
    assert "password" not in viewer_groups(admin) and "nobody" not in viewer_groups(admin)
