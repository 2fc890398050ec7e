"""Institutions to write to, and the accounts that write: a member, a logged-in non-member, the management."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client

from portal.accounts.models import MemberProfile
from portal.taxonomy.models import Institution

PASSWORD = "Schlacke-2024!"


@pytest.fixture(autouse=True)
def fresh_counters():
    """Rate-limit counters live in the cache, which outlives a test's transaction."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def institution() -> Institution:
    return Institution.objects.create(
        slug="batterie-recycling-harz", name="Batterie-Recycling Harz GmbH", kind=Institution.Kind.COMPANY,
        town="Seesen", contact_name="Lukas Wagner", contact_email="l.wagner@example.org")


@pytest.fixture
def institution_without_contact() -> Institution:
    return Institution.objects.create(
        slug="stadt-clausthal", name="Berg- und Universitätsstadt Clausthal-Zellerfeld",
        kind=Institution.Kind.MUNICIPALITY, town="Clausthal-Zellerfeld")


@pytest.fixture
def member_user() -> User:
    """Dr. Jürgen Weiß of the Hochschule Oberharz, in the Members group."""
    university = Institution.objects.create(slug="hochschule-oberharz", name="Hochschule Oberharz",
                                            kind=Institution.Kind.UNIVERSITY)
    user = User.objects.create_user("jweiss", email="j.weiss@example.org", password=PASSWORD,
                                    first_name="Jürgen", last_name="Weiß")
    user.groups.add(Group.objects.get(name="Members"))
    MemberProfile.objects.create(user=user, institution=university)
    return user


@pytest.fixture
def member(member_user) -> Client:
    client = Client(headers={"Accept-Language": "de"})
    client.force_login(member_user)
    return client


@pytest.fixture
def outsider() -> Client:
    """A logged-in account that is not a member: an Editor of the portal."""
    user = User.objects.create_user("redaktion", email="redaktion@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client(headers={"Accept-Language": "de"})
    client.force_login(user)
    return client


def staff(name: str, group: str | None = None, superuser: bool = False) -> Client:
    if superuser:
        user = User.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
    else:
        user = User.objects.create_user(name, f"{name}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client
