"""Member accounts, roles, and the login, logout and password reset pages in the portal's design."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.test import Client
from wagtail.models import GroupPagePermission

from portal.accounts.models import MemberProfile
from portal.accounts.roles import ROLES
from portal.taxonomy.models import Institution

pytestmark = pytest.mark.django_db


def test_the_roles_exist_and_administrators_may_do_everything():
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)
    administrators = Group.objects.get(name="Administrators")
    assert administrators.permissions.count() == Permission.objects.count()
    assert GroupPagePermission.objects.filter(group=administrators, page__depth=1).count() >= 4
    assert not Group.objects.get(name="Members").permissions.exists()  # members never enter the admin


def test_a_member_belongs_to_an_institution():
    institute = Institution.objects.create(slug="tu-clausthal", name="TU Clausthal", kind=Institution.Kind.UNIVERSITY)
    user = User.objects.create_user("mitglied", first_name="Erika", last_name="Muster")
    profile = MemberProfile.objects.create(user=user, institution=institute)
    assert user.member_profile.institution == institute
    assert str(profile) == "Erika Muster (TU Clausthal)"
    assert list(institute.members.all()) == [profile]


def test_the_header_offers_login_and_then_logout(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'action="/accounts/login/"' in html and 'name="csrfmiddlewaretoken"' in html
    assert 'class="site-header"' in html  # the portal's design
    User.objects.create_user("mitglied", password="Schlacke-2024!")
    response = client.post("/accounts/login/", {"username": "mitglied", "password": "Schlacke-2024!", "next": "/members/"})
    assert response.status_code == 302 and response["Location"] == "/members/"
    html = client.get("/members/").content.decode()
    assert 'action="/accounts/logout/"' in html and 'method="post"' in html
    assert client.post("/accounts/logout/").status_code == 302
    assert 'href="/accounts/login/?next=/members/"' in client.get("/members/").content.decode()


def test_a_wrong_password_shows_the_form_again(client):
    User.objects.create_user("mitglied", password="Schlacke-2024!")
    response = client.post("/accounts/login/", {"username": "mitglied", "password": "falsch"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "Anmelden" in response.content.decode()


def test_the_login_page_speaks_german_and_english():
    assert "Passwort vergessen?" in Client(HTTP_ACCEPT_LANGUAGE="de").get("/accounts/login/").content.decode()
    assert "Forgotten your password?" in Client(HTTP_ACCEPT_LANGUAGE="en").get("/accounts/login/").content.decode()


def test_password_reset_by_mail(client):
    User.objects.create_user("mitglied", email="mitglied@example.org", password="Schlacke-2024!")
    response = client.post("/accounts/password_reset/", {"email": "mitglied@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    response = client.post(form_url, {"new_password1": "Neues-Passwort-2025", "new_password2": "Neues-Passwort-2025"})
    assert response.status_code == 302
    assert client.login(username="mitglied", password="Neues-Passwort-2025")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/accounts/password_reset/", {"email": "niemand@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/" and not mail.outbox


def test_a_restricted_page_sends_visitors_to_the_portal_login(client, site):
    response = client.get(site["pages"]["members"].url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
