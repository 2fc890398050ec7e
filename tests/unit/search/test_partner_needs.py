"""The judged needs for partner finding and the archive institutions' profiles.

The needs (search.relevance.partners.needs) grade institutions of the demo
site and of the archive collection; these tests keep them consistent with
the content they were graded on, so that figures on them mean something.
"""

import csv
from collections import Counter

import pytest

from portal.demo import content
from portal.taxonomy import reference
from portal.taxonomy.models import Institution
from search.relevance.archive.documents import METADATA
from search.relevance.archive.institutions import COLUMNS, INSTITUTIONS, profiles
from search.relevance.partners.needs import (ARCHIVE_NEEDS, COLLECTIONS, DEMO_NEEDS, GROUPS, LANGUAGES, NEEDS, Need,
                                             problems)

DEMO_SLUGS = {institution[0] for institution in content.INSTITUTIONS}


def _metadata_institutions() -> set[str]:
    """Every institution name the metadata sheet writes (a cell may name several, separated by ; , or |)."""
    with METADATA.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    names = set()
    for row in rows:
        cell = row["institution"] or ""
        for part in cell.replace("|", ";").split(";"):
            # "A GmbH, B" is two institutions; commas inside one name do not occur in the sheet
            names.update(name.strip() for name in part.split(",") if name.strip())
    return names


ARCHIVE_NAMES = _metadata_institutions()
PROFILE_NAMES = {profile.name for profile in profiles()}


# --- the needs ------------------------------------------------------------------------


def test_each_collection_has_at_least_30_needs_in_both_languages():
    for collection in COLLECTIONS:
        needs = NEEDS[collection]
        assert len(needs) >= 30, collection
        languages = Counter(need.language for need in needs)
        assert set(languages) == set(LANGUAGES), (collection, languages)
        assert min(languages.values()) >= 12, (collection, languages)


def test_every_group_occurs_in_both_collections():
    for collection in COLLECTIONS:
        groups = Counter(need.group for need in NEEDS[collection])
        assert set(groups) == set(GROUPS), (collection, groups)
        assert min(groups.values()) >= 5, (collection, groups)


def test_ids_are_unique_across_collections_and_name_collection_and_language():
    ids = [need.id for needs in NEEDS.values() for need in needs]
    assert len(ids) == len(set(ids))
    for collection, needs in NEEDS.items():
        assert all(need.collection == collection and need.id.count("-") == 2 for need in needs)


def test_the_demo_needs_are_consistent_with_the_demo_content():
    assert problems(DEMO_NEEDS, DEMO_SLUGS, "demo") == []


def test_every_graded_archive_institution_is_named_in_the_metadata_and_has_a_profile():
    assert problems(ARCHIVE_NEEDS, ARCHIVE_NAMES & PROFILE_NAMES, "archive") == []


def test_filters_name_metals_and_processes_of_the_reference_vocabulary():
    metals = {metal.slug for metal in reference.METALS}
    processes = {process.slug for process in reference.PROCESSES}
    for needs in NEEDS.values():
        for need in needs:
            assert set(need.metals) <= metals, need.id
            assert set(need.processes) <= processes, need.id
            assert need.min_readiness is None or 1 <= need.min_readiness <= 9, need.id


def test_only_demo_needs_ask_for_a_readiness_level():
    # archive documents carry no TRL: such a need could not be graded
    assert not [need.id for need in ARCHIVE_NEEDS if need.min_readiness is not None]
    assert [need.id for need in DEMO_NEEDS if need.min_readiness is not None]


def test_some_needs_are_answered_by_several_institutions_and_some_by_one():
    for needs in NEEDS.values():
        sizes = Counter(len(need.grades) for need in needs)
        assert sizes[1] >= 1 and sum(count for size, count in sizes.items() if size >= 3) >= 10, sizes


def test_filters_are_given_as_the_partner_query_takes_them():
    need = next(need for need in DEMO_NEEDS if need.metals and need.processes)
    assert need.filters == {"metals": need.metals, "processes": need.processes}
    assert next(need for need in DEMO_NEEDS if need.group == "keyword").filters == {}


def test_problems_names_what_is_wrong():
    bad = [Need(id="demo-fr-01", text=" ", group="keyword", grades={"nobody": 2, "hochschule-oberharz": 4}),
           Need(id="demo-de-02", text="Laugung", group="keyword", grades={"hochschule-oberharz": 3}, metals=("co",)),
           Need(id="demo-de-02", text="Laugung", group="filter", grades={"hochschule-oberharz": 3}, metals=("co",))]
    found = problems(bad, DEMO_SLUGS, "demo")
    assert "demo-fr-01: language 'fr' is not one of ('de', 'en')" in found
    assert "demo-fr-01: no institution is graded 3" in found
    assert "demo-fr-01: grade 4 of 'hochschule-oberharz' is not one of (1, 2, 3)" in found
    assert "demo-fr-01: 'nobody' is no institution of the demo collection" in found
    assert "demo-fr-01: the text is empty" in found
    assert "demo-de-02: a need has filters exactly when its group is 'filter'" in found
    assert "demo-de-02: the id is used twice" in found
    assert problems(bad[2:], DEMO_SLUGS, "archive") == ["demo-de-02: the id should start with archive-"]


# --- the archive institutions' profiles ---------------------------------------------------


def test_every_institution_of_the_metadata_sheet_has_exactly_one_profile():
    names = [profile.name for profile in profiles()]
    assert len(names) == len(set(names))
    assert set(names) == ARCHIVE_NAMES


def test_the_profile_file_has_its_columns():
    with INSTITUTIONS.open(encoding="utf-8", newline="") as handle:
        assert tuple(csv.DictReader(handle, delimiter=";").fieldnames) == COLUMNS


@pytest.mark.parametrize("profile", profiles(), ids=lambda profile: profile.name)
def test_a_profile_is_what_a_member_writes(profile):
    assert profile.kind in Institution.Kind.values
    assert profile.town
    assert -90 <= profile.latitude <= 90 and -180 <= profile.longitude <= 180
    # two to four sentences
    sentences = [part for part in profile.description.replace("!", ".").split(". ") if part.strip()]
    assert 2 <= len(sentences) <= 4, profile.description
    assert set(profile.metals) <= {metal.slug for metal in reference.METALS}
    assert set(profile.processes) <= {process.slug for process in reference.PROCESSES}


def test_german_institutions_lie_in_germany():
    abroad = {"Nordic Battery Circularity AB", "Midlands Magnet Recovery Ltd", "Ardennes Precious Metals SA",
              "Silesian Institute of Non-Ferrous Metals", "Ostrava Institute of Metallurgy"}
    for profile in profiles():
        in_germany = 47.2 <= profile.latitude <= 55.1 and 5.8 <= profile.longitude <= 15.1
        assert in_germany == (profile.name not in abroad), profile.name


# --- the report -------------------------------------------------------------------------


def _run(name, outcomes, error=""):
    from search.relevance.partners.evaluate import BackendRun  # noqa: PLC0415 (needs Django, which the unit tests set up)

    return BackendRun(name=name, engine="test engine", documents=3, outcomes=tuple(outcomes), partner_error=error)


def _outcome(need, baseline, partner):
    from search.relevance.partners.evaluate import Outcome  # noqa: PLC0415

    return Outcome(need=need, grades=dict(need.grades), baseline=baseline, baseline_top=("a",), partner=partner,
                   partner_top=("b",) if partner is not None else ())


def test_the_report_gives_means_per_language_and_group_and_the_goal():
    from search.relevance.partners import report

    needs = DEMO_NEEDS[:2]
    runs = [_run("embedded", [_outcome(needs[0], 0.5, 0.9), _outcome(needs[1], 0.3, 0.5)])]
    data = report.figures({"demo": report.collection_figures(runs, needs)}, 5, {"commit": "x"})
    means = data["collections"]["demo"]["backends"]["embedded"]["means"]
    assert means["all"] == {"baseline": 0.4, "partner": 0.7, "difference": 0.3, "needs": 2}
    assert means["keyword"]["needs"] == 2 and "question" not in means
    assert "demo         embedded           2    0.400    0.700  +0.300  met" in report.table(data)


def test_without_the_partner_ranking_the_report_shows_the_baseline_and_says_why():
    from search.relevance.partners import report

    needs = DEMO_NEEDS[:1]
    runs = [_run("embedded", [_outcome(needs[0], 0.5, None)], error=f"{report.NOT_AVAILABLE} (there is none)")]
    data = report.figures({"demo": report.collection_figures(runs, needs)}, 5, {})
    assert data["collections"]["demo"]["backends"]["embedded"]["means"]["all"]["partner"] is None
    shown = report.table(data)
    assert "partner column: partner ranking not available yet (there is none)" in shown
    assert "demo         embedded           1    0.500        -       -  -" in shown
