"""Editors write, Moderators approve: Wagtail's moderation workflow, revisions and scheduled publishing."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from home.models import HomePage
from portal.core.tasks import publish_scheduled_pages
from portal.projects.models import ProjectIndexPage, ProjectPage
from portal.taxonomy.models import Metal
from search.backends import get_backend, reset_backend_cache
from search.service import parse_query, run_search
from tests.e2e.admin_flow import create_page, editor, moderator, rich_text, streamfield

pytestmark = pytest.mark.django_db

PROJECT = {
    "title": "Kobalt aus Traktionsbatterien", "slug": "kobat", "acronym": "KoBat",
    "summary": "Kobalt und Nickel aus dem Schwarzmaterial ausgedienter Fahrzeugbatterien.",
    "status": "running", "start_date": "2024-01-01", "end_date": "2026-12-31", "language": "de",
    "key_findings": streamfield([("finding", "Die Laugung mit Schwefelsäure löst 95 % des Kobalts.")]),
    "results": rich_text("<p>Schwarzmaterial wird gelaugt.</p>"),
}


def found(text: str) -> list[str]:
    """Titles a public visitor finds for ``text``."""
    return [hit.title for hit in run_search(parse_query({"q": text})).results.hits]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def index() -> ProjectIndexPage:
    reset_backend_cache()
    get_backend().clear()
    return HomePage.objects.get().add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))


def test_an_editor_submits_and_a_moderator_approves(index, django_capture_on_commit_callbacks):
    author = logged_in(editor())
    page = create_page(author, index, ProjectPage, PROJECT, action="action-submit")
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Client().get(page.url or f"/projekte/{page.slug}/").status_code == 404

    # An editor cannot publish: the Publish action is not theirs to use.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert b"action-publish" not in author.get(edit_url).content

    reviewer = logged_in(moderator())
    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    with django_capture_on_commit_callbacks(execute=True):  # indexing waits for the commit
        response = reviewer.post(approve_url, {"comment": "Passt so."})
    assert response.status_code in (200, 302)

    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert Client().get(page.url).status_code == 200
    assert found("Schwarzmaterial") == [PROJECT["title"]]


def test_a_moderator_can_reject_with_a_comment(index):
    author = logged_in(editor())
    page = create_page(author, index, ProjectPage, PROJECT, action="action-submit")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    reviewer = logged_in(moderator())
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", state.current_task_state.pk))
    reviewer.post(url, {"comment": "Bitte die Förderkennziffer ergänzen."})
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live


def test_every_save_keeps_a_revision_that_can_be_compared(index):
    reviewer = logged_in(moderator())
    page = create_page(reviewer, index, ProjectPage, PROJECT)
    page.title = "Kobalt und Nickel aus Traktionsbatterien"
    page.save_revision(user=page.owner).publish()
    assert page.revisions.count() == 2
    first, second = page.revisions.order_by("created_at")
    compare = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk))
    response = reviewer.get(compare)
    assert response.status_code == 200
    assert "Kobalt und Nickel aus Traktionsbatterien" in response.content.decode()


def test_scheduled_publishing_goes_live_when_its_time_has_come(index, django_capture_on_commit_callbacks):
    reviewer = logged_in(moderator())
    go_live = timezone.localtime() + dt.timedelta(days=2)
    page = create_page(
        reviewer, index, ProjectPage, {**PROJECT, "go_live_at": go_live.strftime("%Y-%m-%d %H:%M")},
        expect_live=False,
    )
    revision = page.revisions.get()
    assert revision.approved_go_live_at is not None

    publish_scheduled_pages()  # too early: nothing happens
    page.refresh_from_db()
    assert not page.live

    # Three days later, the periodic task runs again.
    later = timezone.now() + dt.timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later), django_capture_on_commit_callbacks(execute=True):
        publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live
    assert found("Schwarzmaterial") == [PROJECT["title"]]


def test_editors_maintain_the_taxonomy_but_only_moderators_delete_from_it():
    author = logged_in(editor())
    response = author.post(  # americium is not in the reference vocabulary
        reverse("wagtailsnippets_taxonomy_metal:add"),
        {"name_de": "Americium", "name_en": "Americium", "symbol": "Am", "slug": "am"},
    )
    assert response.status_code == 302
    americium = Metal.objects.get(slug="am")
    delete_url = reverse("wagtailsnippets_taxonomy_metal:delete", args=(americium.pk,))
    assert author.post(delete_url).status_code in (302, 403)
    assert Metal.objects.filter(slug="am").exists()
    logged_in(moderator()).post(delete_url)
    assert not Metal.objects.filter(slug="am").exists()
