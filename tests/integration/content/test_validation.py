"""The content model refuses what an editor should not be able to save."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from portal.events.models import PaperPage
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Institution, Metal, Process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are specified in the source language; German comes from locale/de."""
    with translation.override("en"):
        yield


def test_an_element_slug_is_its_symbol_in_lower_case():
    # americium is not in the reference vocabulary; an editor may add it
    Metal(slug="am", symbol="Am", name_de="Americium", name_en="Americium").full_clean()
    with pytest.raises(ValidationError, match="'am'"):
        Metal(slug="americium", symbol="Am", name_de="Americium", name_en="Americium").full_clean()
    with pytest.raises(ValidationError, match="capital letter"):
        Metal(slug="am", symbol="am", name_de="Americium", name_en="Americium").full_clean()


def test_a_metal_can_belong_to_a_group_but_groups_do_not_nest():
    ree = Metal.objects.get(slug="ree")
    neodymium = Metal.objects.get(slug="nd")
    assert neodymium.group == ree
    neodymium.full_clean()
    with pytest.raises(ValidationError, match="Groups cannot belong"):
        Metal(slug="lree", symbol="", name_de="Leichte SE", name_en="Light REE", group=ree).full_clean()


def test_processes_form_a_hierarchy_without_cycles():
    hydro, leaching, bio = (Process.objects.get(slug=slug) for slug in ("hydrometallurgy", "leaching", "bioleaching"))
    assert bio.ancestors() == [leaching, hydro]
    hydro.parent = bio
    with pytest.raises(ValidationError, match="broader than itself"):
        hydro.full_clean()


def test_an_institution_needs_both_coordinates_or_none():
    institution = Institution(slug="tu", name="Hochschule Oberharz", kind="university", latitude="51.8")
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        institution.full_clean()
    institution.longitude = "10.3"
    institution.full_clean()
    institution.latitude = "91"
    with pytest.raises(ValidationError):
        institution.full_clean()


def test_a_project_cannot_end_before_it_starts():
    project = ProjectPage(title="InRec", slug="inrec", summary="Indium aus LCD-Glas.",
                          start_date=dt.date(2022, 1, 1), end_date=dt.date(2021, 12, 31))
    with pytest.raises(ValidationError, match="end date"):
        project.clean()


@pytest.mark.parametrize("doi, valid", [
    ("10.1234/abcd.2023.17", True),
    ("https://doi.org/10.5281/zenodo.123", True),
    ("doi:10.1000/182", True),
    ("10.12/too-short-prefix", False),
    ("keine DOI", False),
])
def test_a_paper_doi_is_checked_and_normalised(doi, valid):
    paper = PaperPage(title="Biolaugung", slug="biolaugung", doi=doi)
    if valid:
        paper.clean()
        assert paper.doi.startswith("10.")
    else:
        with pytest.raises(ValidationError, match="DOI"):
            paper.clean()
