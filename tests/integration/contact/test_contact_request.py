"""A member writes to an institution through the portal: who may, what is stored, what is mailed, what is refused."""

from __future__ import annotations

import smtplib
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from portal.contact.models import ContactRequest

pytestmark = pytest.mark.django_db

MESSAGE = ("Guten Tag Herr Wagner, wir suchen für unser Projekt zur Laugung von Schwarzmasse einen Partner, "
           "der Lithium-Ionen-Batterien im Technikumsmaßstab aufbereitet. Hätten Sie im Mai Zeit für ein Gespräch?")


def form_url(institution, **query) -> str:
    url = reverse("contact:request", args=[institution.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


# --- who may write -------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page_and_back(client, institution):
    url = form_url(institution)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{settings.LOGIN_URL}?next={url}"
    assert client.post(url, {"message": MESSAGE}).status_code == 302
    assert not ContactRequest.objects.exists()


def test_a_logged_in_account_that_is_not_a_member_is_refused_with_a_page_that_says_why(outsider, institution):
    response = outsider.get(form_url(institution))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Kontaktanfragen an Einrichtungen sind Mitgliedern des Clusters vorbehalten." in html
    assert "l.wagner@example.org" not in html and "Lukas Wagner" not in html

    assert outsider.post(form_url(institution), {"message": MESSAGE}).status_code == 403
    assert not ContactRequest.objects.exists() and not mail.outbox


def test_a_member_sees_the_form_with_the_partner_search_that_led_there(member, institution):
    response = member.get(form_url(institution, q="Schwarzmasse%20Laugung"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Batterie-Recycling Harz GmbH kontaktieren" in html
    assert "an Lukas Wagner" in html
    assert 'name="q" value="Schwarzmasse Laugung"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_an_unknown_institution_is_not_found(member):
    assert member.get("/partner/contact/gibt-es-nicht/").status_code == 404


# --- sending -------------------------------------------------------------------


def test_a_member_sends_a_request_that_is_stored_and_mailed_to_the_contact_person(member, member_user, institution):
    response = member.post(form_url(institution), {"message": f"  {MESSAGE}\n", "q": "Schwarzmasse Laugung"})

    contact = ContactRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contact:sent", args=[institution.slug, contact.pk])
    assert (contact.sender, contact.institution, contact.message, contact.need) == (
        member_user, institution, MESSAGE, "Schwarzmasse Laugung")
    assert (contact.sender_name, contact.sender_email, contact.sender_institution) == (
        "Jürgen Weiß", "j.weiss@example.org", "Hochschule Oberharz")
    assert contact.status == ContactRequest.Status.NEW
    assert contact.delivery == ContactRequest.Delivery.INSTITUTION

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["l.wagner@example.org"] and sent.cc == []
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    name, address = parseaddr(str(sent.message()["Reply-To"]))  # the institution answers the member directly
    assert (str(make_header(decode_header(name))), address) == ("Jürgen Weiß", "j.weiss@example.org")
    assert sent.subject == "Kontaktanfrage von Jürgen Weiß über das Clusterportal"
    assert MESSAGE in sent.body
    assert "Absender: Jürgen Weiß (Hochschule Oberharz)" in sent.body
    assert "Partnersuche: Schwarzmasse Laugung" in sent.body

    thanks = member.get(response["Location"])
    assert thanks.status_code == 200
    assert "an Batterie-Recycling Harz GmbH gesendet" in thanks.content.decode()


@override_settings(PORTAL_CONTACT_MANAGEMENT_EMAIL="geschaeftsstelle@example.org")
def test_the_cluster_management_gets_a_copy_when_its_address_is_set(member, institution):
    member.post(form_url(institution), {"message": MESSAGE})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["l.wagner@example.org"]
    assert mail.outbox[0].cc == ["geschaeftsstelle@example.org"]


def test_a_request_to_an_institution_without_an_address_is_stored_and_the_sender_told(
        member, institution_without_contact):
    response = member.post(form_url(institution_without_contact), {"message": MESSAGE}, follow=True)

    contact = ContactRequest.objects.get()
    assert contact.delivery == ContactRequest.Delivery.STORED
    assert not mail.outbox
    assert "die Geschäftsstelle des Clusters leitet Ihre Nachricht weiter" in response.content.decode()


@override_settings(PORTAL_CONTACT_MANAGEMENT_EMAIL="geschaeftsstelle@example.org")
def test_without_an_address_the_request_goes_to_the_management_to_forward(member, institution_without_contact):
    member.post(form_url(institution_without_contact), {"message": MESSAGE})

    assert ContactRequest.objects.get().delivery == ContactRequest.Delivery.MANAGEMENT
    assert [message.to for message in mail.outbox] == [["geschaeftsstelle@example.org"]]
    assert mail.outbox[0].subject.startswith("Bitte weiterleiten: Kontaktanfrage für Berg- und Universitätsstadt")
    assert MESSAGE in mail.outbox[0].body


def test_a_mail_server_that_refuses_leaves_the_request_stored_with_the_reason(member, institution, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"l.wagner@example.org": (550, b"mailbox unavailable")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    response = member.post(form_url(institution), {"message": MESSAGE}, follow=True)

    contact = ContactRequest.objects.get()
    assert contact.delivery == ContactRequest.Delivery.FAILED
    assert contact.delivery_error.startswith("SMTPRecipientsRefused")
    assert "konnte die E-Mail gerade nicht gesendet werden" in response.content.decode()


def test_only_its_sender_sees_the_confirmation(member, institution, outsider):
    response = member.post(form_url(institution), {"message": MESSAGE})
    assert outsider.get(response["Location"]).status_code == 404
    assert Client().get(response["Location"]).status_code == 302  # to the login page


# --- what is refused -------------------------------------------------------------


@pytest.mark.parametrize("message, german, english", [
    ("", "Bitte schreiben Sie der Einrichtung eine Nachricht.", "Please write a message to the institution."),
    ("   \n  ", "Bitte schreiben Sie der Einrichtung eine Nachricht.", "Please write a message to the institution."),
    ("Hallo, Kontakt?", "Bitte schreiben Sie mindestens 20 Zeichen; Ihre Nachricht hat 15.",
     "Please write at least 20 characters; your message has 15."),
    ("Laugung " * 260, "Bitte kürzen Sie Ihre Nachricht auf höchstens 2000 Zeichen; sie hat 2079.",
     "Please shorten your message to at most 2000 characters; it has 2079."),
])
def test_an_invalid_message_is_shown_again_with_a_clear_error_and_nothing_is_stored(
        member, member_user, institution, message, german, english):
    response = member.post(form_url(institution), {"message": message})
    assert response.status_code == 200
    html = response.content.decode()
    assert german in html
    assert "Ihre Nachricht wurde noch nicht gesendet" in html

    in_english = Client(headers={"Accept-Language": "en"})
    in_english.force_login(member_user)
    assert english in in_english.post(form_url(institution), {"message": message}).content.decode()

    assert not ContactRequest.objects.exists() and not mail.outbox


def test_an_overlong_search_query_is_cut_not_refused(member, institution):
    member.post(form_url(institution), {"message": MESSAGE, "q": "Neodym " * 100})
    assert len(ContactRequest.objects.get().need) == 200


@override_settings(PORTAL_RATE_LIMITS={"contact": "2/3600"})
def test_beyond_the_rate_limit_a_member_gets_429_and_nothing_more_is_stored_or_sent(member, member_user, institution):
    for _ in range(2):
        assert member.post(form_url(institution), {"message": MESSAGE}).status_code == 302
    assert member.post(form_url(institution), {"message": "zu kurz"}).status_code == 200  # invalid: not counted

    refused = member.post(form_url(institution), {"message": MESSAGE})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    html = refused.content.decode()
    assert "Ihre Nachricht wurde nicht gesendet." in html
    assert "so viele Kontaktanfragen gesendet, wie das Portal in kurzer Zeit annimmt" in html
    assert "Schwarzmasse" in html  # the message is kept in the form
    assert ContactRequest.objects.count() == 2 and len(mail.outbox) == 2

    # Another member has a count of their own.
    from django.contrib.auth.models import Group, User
    colleague = User.objects.create_user("kollegin", email="kollegin@example.org")
    colleague.groups.add(Group.objects.get(name="Members"))
    other = Client()
    other.force_login(colleague)
    assert other.post(form_url(institution), {"message": MESSAGE}).status_code == 302


def test_a_post_without_the_csrf_token_is_refused(member_user, institution):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_user)
    assert client.post(form_url(institution), {"message": MESSAGE}).status_code == 403
    assert not ContactRequest.objects.exists() and not mail.outbox

    client.get(form_url(institution))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(form_url(institution), {"message": MESSAGE, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ContactRequest.objects.count() == 1
