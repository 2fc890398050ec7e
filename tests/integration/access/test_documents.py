"""PDFs are served only to who may see them, through the application, never as a plain media file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.integration.access.conftest import report

pytestmark = pytest.mark.django_db


def get(client, document):
    return client.get(document.url)


def test_a_public_report_is_served_to_anyone(client, site):
    response = get(client, report(site["pages"]["public"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_report_of_a_members_only_project_sends_visitors_to_the_login_page(client, site):
    document = report(site["pages"]["members"])
    response = get(client, document)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_member_gets_the_report_of_a_members_only_project(member, site):
    assert get(member, report(site["pages"]["members"])).status_code == 200


def test_a_member_of_another_group_is_refused(member, site):
    assert get(member, report(site["pages"]["group"])).status_code == 403
    allowed = Client()
    user = User.objects.create_user("hydro")
    user.groups.add(site["pages"]["group"].get_view_restrictions().get().groups.get())
    allowed.force_login(user)
    assert get(allowed, report(site["pages"]["group"])).status_code == 200


def test_a_password_protected_report_is_refused_without_the_password(client, member, site):
    assert get(Client(), report(site["pages"]["password"])).status_code == 403
    assert get(member, report(site["pages"]["password"])).status_code == 403


def test_a_document_of_a_private_collection_needs_a_login(client, member, site):
    response = get(Client(), site["archived"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert get(member, site["archived"]).status_code == 200


def test_an_unpublished_restricted_project_keeps_its_report_private(client, site):
    page = site["pages"]["members"]
    page.unpublish()
    assert get(client, report(page)).status_code == 302


def test_media_urls_of_documents_are_not_served(client, site):
    for document in (report(site["pages"]["public"]), report(site["pages"]["members"]), site["archived"]):
        assert document.file.url.startswith("/media/documents/")
        assert client.get(document.file.url).status_code == 404
