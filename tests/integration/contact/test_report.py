"""Reports › Contact requests: the cluster management's list of members' requests, for Administrators only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from portal.contact.models import ContactRequest
from tests.integration.contact.conftest import staff

pytestmark = pytest.mark.django_db

INDEX = reverse("contact-requests:index")


@pytest.fixture
def requests(member_user, institution, institution_without_contact):
    new = ContactRequest.objects.create(
        sender=member_user, sender_name="Jürgen Weiß", sender_email="j.weiss@example.org",
        sender_institution="Hochschule Oberharz", institution=institution,
        message="Wir suchen einen Partner für die Laugung von Schwarzmasse aus Lithium-Ionen-Batterien.",
        need="Schwarzmasse Laugung", delivery=ContactRequest.Delivery.INSTITUTION)
    closed = ContactRequest.objects.create(
        sender=member_user, sender_name="Jürgen Weiß", sender_email="j.weiss@example.org",
        institution=institution_without_contact, status=ContactRequest.Status.CLOSED,
        message="We would like to sample the old mining heaps for germanium and indium next spring.",
        delivery=ContactRequest.Delivery.STORED)
    return {"new": new, "closed": closed}


@pytest.mark.parametrize("who", ["superuser", "administrator"])
def test_administrators_see_every_request_with_its_sender_institution_message_need_and_status(requests, who):
    client = staff("geschaeftsstelle", superuser=True) if who == "superuser" else staff("verwaltung", "Administrators")
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Jürgen Weiß", "Batterie-Recycling Harz GmbH", "Berg- und Universitätsstadt Clausthal-Zellerfeld",
                 "Wir suchen einen Partner für die Laugung von Schwarzmasse", "Schwarzmasse Laugung",
                 "New", "Closed", "Sent to the institution", "Stored only: no address to send it to"):
        assert text in html, text
    assert "Contact requests" in client.get(reverse("wagtailadmin_home")).content.decode()  # in the Reports menu


def test_the_list_is_filtered_by_status(requests):
    html = staff("geschaeftsstelle", superuser=True).get(INDEX, {"status": "closed"}).content.decode()
    assert "germanium and indium" in html
    assert "Laugung von Schwarzmasse" not in html


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_are_refused(requests, group):
    client = staff("redakteurin", group)
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("contact-requests:edit", args=[requests["new"].pk])).status_code == 302
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Contact requests" not in html and "Schwarzmasse" not in html


def test_an_administrator_sets_the_status_and_notes_and_is_recorded_as_handling_it(requests):
    client = staff("geschaeftsstelle", superuser=True)
    url = reverse("contact-requests:edit", args=[requests["new"].pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Lithium-Ionen-Batterien" in page.content.decode()  # the message, read-only

    response = client.post(url, {"status": "followed_up", "notes": "Telefonat am 12. Mai vereinbart; Probe folgt."})
    assert response.status_code == 302
    request = ContactRequest.objects.get(pk=requests["new"].pk)
    assert request.status == ContactRequest.Status.FOLLOWED_UP
    assert request.notes == "Telefonat am 12. Mai vereinbart; Probe folgt."
    assert request.handled_by == User.objects.get(username="geschaeftsstelle")
    # What the member wrote is not editable here.
    assert request.message.startswith("Wir suchen einen Partner")


def test_nobody_adds_a_request_in_the_admin(requests):
    client = staff("geschaeftsstelle", superuser=True)
    assert client.get(reverse("contact-requests:add")).status_code == 302
    assert reverse("contact-requests:add") not in client.get(INDEX).content.decode()
