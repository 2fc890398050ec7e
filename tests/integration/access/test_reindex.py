"""A change of privacy reaches the index at once; reconcile repairs it if the change was missed."""

from __future__ import annotations

import pytest
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from ingest.indexing import document_entry_id, expected_entries
from ingest.reconcile import reconcile
from portal.projects.models import ProjectPage
from portal.searchable import search_document_id
from tests.integration.access.conftest import restrict

pytestmark = pytest.mark.django_db


def in_step(backend) -> bool:
    return backend.fingerprints() == {entry.id: entry.fingerprint for entry in expected_entries()}


def test_the_index_starts_in_step(site, backend):
    assert in_step(backend)


def test_adding_changing_and_removing_a_page_restriction_reindexes_the_page_and_below(
        site, backend, groups, django_capture_on_commit_callbacks):
    page = site["pages"]["public"]
    with django_capture_on_commit_callbacks(execute=True):
        child = page.add_child(instance=ProjectPage(title="Teilprojekt", slug="teil", summary="Teil."))
        child.save_revision().publish()
    assert in_step(backend)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(page, PageViewRestriction.LOGIN)
    assert in_step(backend)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
        restriction.groups.set([groups["slag"]])
    assert in_step(backend)
    assert {e.id: e.visibility for e in expected_entries()}[search_document_id(child.pk)] == ("group:AG Schlacken",)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.add(groups["hydro"])  # the groups alone
    assert in_step(backend)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert in_step(backend)


def test_a_collection_restriction_reindexes_its_documents(site, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["private"].get_view_restrictions().delete()
    assert in_step(backend)
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(collection=site["private"],
                                                 restriction_type=CollectionViewRestriction.PASSWORD, password="x")
    assert in_step(backend)
    assert {e.id: e.visibility for e in expected_entries()}[document_entry_id(site["archived"].pk)] == ("password",)


def test_reconcile_repairs_a_restriction_whose_reindexing_was_lost(site, backend):
    page = site["pages"]["public"]
    # Outside django_capture_on_commit_callbacks the queued tasks never run: a lost task.
    restrict(page, PageViewRestriction.LOGIN)
    assert not in_step(backend)
    assert reconcile(dry_run=True).stale == [search_document_id(page.pk)]
    report = reconcile()
    assert report.counts()["stale"] == 1
    assert in_step(backend)
