"""The demo's institutions name fictional contact persons at example.org (the town leaves it to the management)."""

from __future__ import annotations

import pytest

from home.management.commands.seed_demo import Command
from portal.demo import content
from portal.taxonomy.models import Institution


def test_every_demo_contact_belongs_to_a_demo_institution_and_is_fictional():
    slugs = {row[0] for row in content.INSTITUTIONS}
    assert set(content.INSTITUTION_CONTACTS) <= slugs
    assert slugs - set(content.INSTITUTION_CONTACTS) == {"stadt-clausthal"}  # shows the path without an address
    for name, address in content.INSTITUTION_CONTACTS.values():
        assert name and address.endswith("@example.org"), address


@pytest.mark.django_db
def test_seeding_fills_in_the_contact_persons():
    Command()._seed_taxonomy()
    university = Institution.objects.get(slug="hochschule-oberharz")
    assert (university.contact_name, university.contact_email) == ("Prof. Dr. Katrin Albrecht", "k.albrecht@example.org")
    town = Institution.objects.get(slug="stadt-clausthal")
    assert (town.contact_name, town.contact_email) == ("", "")
