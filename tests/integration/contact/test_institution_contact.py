"""The contact person on an institution's page (``contact/includes/institution_contact.html``): members only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

from portal.contact.membership import is_member

pytestmark = pytest.mark.django_db

INCLUDE = "contact/includes/institution_contact.html"


def render(user, institution, language="de", **context) -> str:
    request = RequestFactory().get(f"/members/{institution.slug}/")
    request.user = user
    with translation.override(language):
        return render_to_string(INCLUDE, {"institution": institution, **context}, request=request)


def test_a_member_sees_the_contact_person_and_the_way_to_write(member_user, institution):
    html = render(member_user, institution)
    assert "Lukas Wagner" in html
    assert '<a href="mailto:l.wagner@example.org">l.wagner@example.org</a>' in html
    assert 'href="/partner/contact/batterie-recycling-harz/"' in html
    assert "Kontakt aufnehmen" in html
    assert "Send a contact request" in render(member_user, institution, language="en")


def test_the_partner_search_that_led_there_goes_with_the_link(member_user, institution):
    html = render(member_user, institution, need="Neodym aus Altmagneten")
    assert 'href="/partner/contact/batterie-recycling-harz/?q=Neodym%20aus%20Altmagneten"' in html


def test_without_a_contact_person_a_member_learns_that_the_management_forwards(member_user, institution_without_contact):
    html = render(member_user, institution_without_contact)
    assert "die Geschäftsstelle des Clusters leitet Kontaktanfragen weiter" in html
    assert 'href="/partner/contact/stadt-clausthal/"' in html


def test_an_anonymous_visitor_reads_that_members_can_write_and_may_log_in(institution):
    html = render(AnonymousUser(), institution)
    assert "Mitglieder des Clusters können diese Einrichtung über das Portal kontaktieren." in html
    assert 'href="/accounts/login/?next=/members/batterie-recycling-harz/"' in html
    assert "l.wagner@example.org" not in html and "Lukas Wagner" not in html and "mailto:" not in html
    assert "/partner/contact/" not in html


def test_a_logged_in_non_member_sees_neither_name_nor_address(outsider, institution):
    editor = User.objects.get(username="redaktion")
    html = render(editor, institution)
    assert "Mitglieder des Clusters können diese Einrichtung über das Portal kontaktieren." in html
    assert "l.wagner@example.org" not in html and "Lukas Wagner" not in html and "mailto:" not in html
    assert "/accounts/login/" not in html and "/partner/contact/" not in html


def test_rendered_without_a_request_nobody_is_a_member(institution):
    html = render_to_string(INCLUDE, {"institution": institution})
    assert "l.wagner@example.org" not in html and "Lukas Wagner" not in html


def test_members_are_the_active_accounts_in_the_members_group_and_superusers(member_user):
    editor = User.objects.create_user("lektorin")
    editor.groups.add(Group.objects.get(name="Editors"))
    former = User.objects.create_user("ehemalig", is_active=False)
    former.groups.add(Group.objects.get(name="Members"))
    assert is_member(member_user)
    assert is_member(User.objects.create_superuser("chefin", "chefin@example.org", "x"))
    assert not is_member(editor) and not is_member(former)
    assert not is_member(AnonymousUser()) and not is_member(None)


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
def test_the_institution_profile_never_shows_the_address_to_non_members(viewer, outsider, institution):
    client = Client() if viewer == "anonymous" else outsider
    response = client.get(institution.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "l.wagner@example.org" not in html and "Lukas Wagner" not in html
