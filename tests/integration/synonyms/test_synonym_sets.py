"""Synonym sets that editors keep: validated as they type, seeded with the field's common sets, handed to search.

The search layer reads them through ``search.vocabulary.current()``, which
the portal feeds from ``portal.synonyms.source.read_vocabulary``: the active
sets, the names of every metal and process, and the element symbols.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.synonyms.models import SynonymSet
from portal.synonyms.source import read_vocabulary
from portal.taxonomy.models import Metal, Process
from search import vocabulary
from tests.e2e.admin_flow import editor, moderator

pytestmark = pytest.mark.django_db

seeding = importlib.import_module("portal.synonyms.migrations.0002_common_sets")
PGM = ("PGM", "Platingruppenmetalle", "Platinmetalle", "platinum group metals", "platinum-group metals")
REE = ("SEE", "REE", "Seltene Erden", "Seltenerdmetalle", "Seltenerdelemente", "rare earths", "rare earth elements",
       "rare earth metals")


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """Each test starts from what its database says, not from what an earlier test left cached."""
    vocabulary.invalidate()
    yield
    vocabulary.invalidate()


def errors_of(synonym_set: SynonymSet) -> list[str]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            synonym_set.full_clean()
        return caught.value.message_dict["terms"]


def set_holding(phrase: str, sets) -> tuple[str, ...]:
    return next(s for s in sets if phrase.casefold() in {p.casefold() for p in s})


# --- What an editor may write ---------------------------------------------------


def test_terms_are_cleaned_one_per_line_without_empty_lines_or_repeats():
    # The third line is the first with its umlaut decomposed, as text copied from a PDF may have it.
    synonym_set = SynonymSet(terms="  Wälzverfahren \n\n Waelz   process\r\nWA\u0308LZVERFAHREN\n   \nwaelz Process\n")

    synonym_set.full_clean()

    assert synonym_set.phrases() == ("Wälzverfahren", "Waelz process")
    assert synonym_set.terms == "Wälzverfahren\nWaelz process"
    assert str(synonym_set) == "Wälzverfahren / Waelz process"


def test_a_set_needs_two_different_terms():
    assert errors_of(SynonymSet(terms="Flugasche\nFLUGASCHE\n\n")) == [
        "Give at least two different terms, one per line: a synonym set says that they mean the same."]
    assert errors_of(SynonymSet(terms="")) == ["This field cannot be blank."]


def test_a_term_is_a_word_or_a_short_phrase():
    long_term = "Rückgewinnung" * 7  # 91 characters
    assert errors_of(SynonymSet(terms=f"Laugung\n{long_term}")) == [
        f"“{long_term}” is longer than 80 characters: a synonym is a word or a short phrase."]
    assert errors_of(SynonymSet(terms="Laugung\nleaching of metals from the black mass")) == [
        "“leaching of metals from the black mass” has more than 5 words: a synonym is a word or a short phrase."]
    five_words = SynonymSet(terms="WEEE\nwaste electrical and electronic equipment", active=False)  # seeded
    five_words.full_clean()


def test_several_terms_on_one_line_are_refused():
    assert errors_of(SynonymSet(terms="Seltene Erden, rare earths\nSEE; REE")) == [
        "Put each term on a line of its own: “Seltene Erden, rare earths” looks like several terms separated by "
        "commas or semicolons.",
        "Put each term on a line of its own: “SEE; REE” looks like several terms separated by commas or semicolons.",
    ]


def test_a_term_stands_in_one_active_set_only_and_the_message_names_the_other():
    # "Schwarzmasse / Schwarzmaterial / black mass" is one of the seeded sets.
    assert errors_of(SynonymSet(terms="Black Mass\nAktivmasse")) == [
        "“Black Mass” is already in the active set “Schwarzmasse / Schwarzmaterial / black mass”. A term may stand "
        "in one active set only: remove it here or there, or merge the two sets."]
    SynonymSet(terms="Black Mass\nAktivmasse", active=False).full_clean()  # an inactive draft may overlap
    seeded = SynonymSet.objects.get(terms__startswith="Schwarzmasse")
    seeded.terms += "\nBlackmass"
    seeded.full_clean()  # a set does not conflict with itself


def test_the_messages_speak_german_in_the_admin_language():
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        SynonymSet(terms="Schlacke\nSCHLACKE").full_clean()
    assert caught.value.message_dict["terms"] == [
        "Geben Sie mindestens zwei verschiedene Begriffe an, einen pro Zeile: Eine Synonymgruppe sagt, dass sie "
        "dasselbe bedeuten."]


# --- The common sets seeded by migrate ------------------------------------------------


def test_migrate_seeds_the_common_sets_of_the_field():
    sets = [s.phrases() for s in SynonymSet.objects.all()]

    assert len(sets) == len(seeding.COMMON_SETS) >= 30
    assert set(PGM) <= set(set_holding("PGM", sets))
    assert set(REE) <= set(set_holding("SEE", sets))
    assert {"black mass", "Schwarzmasse"} <= set(set_holding("black mass", sets))
    assert {"e-waste", "WEEE", "Elektroschrott", "Elektronikschrott", "E-Schrott", "Elektroaltgeräte",
            "waste electrical and electronic equipment", "electronic waste"} <= set(set_holding("WEEE", sets))
    assert {"Pilotanlage", "pilot plant"} == set(set_holding("pilot plant", sets))
    assert all(SynonymSet.objects.values_list("active", flat=True))


def test_every_seeded_set_passes_the_editors_validation():
    for synonym_set in SynonymSet.objects.all():
        terms = synonym_set.terms
        synonym_set.full_clean()
        assert synonym_set.terms == terms


def test_seeding_never_touches_the_sets_of_editors():
    SynonymSet.objects.all().delete()
    kept = SynonymSet.objects.create(terms="Technikum\nTechnikumsanlage")

    seeding.seed(apps, None)  # as if the migration ran again

    assert list(SynonymSet.objects.all()) == [kept]
    SynonymSet.objects.all().delete()
    seeding.seed(apps, None)
    assert SynonymSet.objects.count() == len(seeding.COMMON_SETS)


# --- What the search layer is handed --------------------------------------------------


def metal(slug: str, **fields) -> Metal:
    """The metal as this test needs it, whether or not the reference vocabulary has it already."""
    return Metal.objects.update_or_create(slug=slug, defaults=fields)[0]


def process(slug: str, **fields) -> Process:
    return Process.objects.update_or_create(slug=slug, defaults=fields)[0]


@pytest.fixture
def taxonomy() -> dict[str, object]:
    rare_earths = metal("ree", name_de="Seltene Erden", name_en="Rare earth elements", symbol="")
    return {
        "copper": metal("cu", name_de="Kupfer", name_en="Copper", symbol="Cu"),
        "indium": metal("in", name_de="Indium", name_en="Indium", symbol="In"),
        "neodymium": metal("nd", name_de="Neodym", name_en="Neodymium", symbol="Nd", group=rare_earths),
        "rare_earths": rare_earths,
        "leaching": process("leaching", name_de="Laugung", name_en="Leaching"),
        "flotation": process("flotation", name_de="Flotation", name_en="Flotation"),
        "smelting": process("smelting", name_de="Verhüttung", name_en="Smelting"),
    }


def test_the_vocabulary_holds_the_sets_the_names_of_metals_and_processes_and_the_symbols(
        taxonomy, django_assert_max_num_queries):
    SynonymSet.objects.create(terms="Technikum\nTechnikumsanlage", active=False)

    with django_assert_max_num_queries(4):  # sets, metals, processes, institutions: whatever their number
        words = read_vocabulary()

    sets = words.synonym_sets
    assert set(PGM) <= set(set_holding("platinum group metals", sets))
    assert ("Kupfer", "Copper") in sets and ("Neodym", "Neodymium") in sets and ("Verhüttung", "Smelting") in sets
    assert ("Cu", ("Kupfer", "Copper")) in words.symbols
    assert ("In", ("Indium",)) in words.symbols and ("Nd", ("Neodym", "Neodymium")) in words.symbols
    symbols = [symbol for symbol, _names in words.symbols]
    assert all(symbols) and symbols == sorted(symbols)  # groups have no symbol
    assert not any("Seltene Erden" in names for _symbol, names in words.symbols)
    assert not any("Technikum" in s for s in sets)  # inactive
    assert not any(s in {("Indium",), ("Flotation",)} for s in sets)  # one name is no set


def test_sets_that_share_a_phrase_reach_the_search_as_one():
    metal("ree", name_de="Seltene Erden", name_en="Rare earth elements", symbol="")
    process("leaching", name_de="Laugung", name_en="Leaching")

    sets = read_vocabulary().synonym_sets

    assert set_holding("REE", sets) == set_holding("Seltene Erden", sets)
    assert set_holding("Laugung", sets) == ("Laugung", "Auslaugung", "leaching")  # "Leaching" is the same phrase
    phrases = [phrase.casefold() for s in sets for phrase in s]
    assert len(phrases) == len(set(phrases))


def test_saving_a_set_or_a_name_changes_what_search_applies_at_once(taxonomy):
    assert ("Kupfer", "Copper") in vocabulary.current().synonym_sets  # the portal registered its source

    technikum = SynonymSet.objects.create(terms="Technikum\nTechnikumsanlage")
    assert ("Technikum", "Technikumsanlage") in vocabulary.current().synonym_sets

    technikum.terms = "Technikum\nTechnikumsanlage\npilot-scale facility"
    technikum.save()
    assert ("Technikum", "Technikumsanlage", "pilot-scale facility") in vocabulary.current().synonym_sets

    technikum.delete()
    assert not any("Technikum" in s for s in vocabulary.current().synonym_sets)

    copper = taxonomy["copper"]
    copper.name_de = "Kupfer (Cu)"
    copper.save()
    assert ("Cu", ("Kupfer (Cu)", "Copper")) in vocabulary.current().symbols
    taxonomy["smelting"].delete()
    assert ("Verhüttung", "Smelting") not in vocabulary.current().synonym_sets


# --- The admin ---------------------------------------------------------------------------


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editors_list_search_add_and_change_sets_in_the_admin():
    author = logged_in(editor())
    index_url = reverse("wagtailsnippets_synonyms_synonymset:list")

    listing = author.get(index_url)
    assert listing.status_code == 200
    assert "Synonyme" in listing.content.decode()
    assert "PGM / Platingruppenmetalle / Platinmetalle / …" in listing.content.decode()
    found = author.get(index_url, {"q": "schwarzmasse"}).content.decode()
    assert "Schwarzmasse / Schwarzmaterial / black mass" in found and "PGM / Platingruppenmetalle" not in found

    refused = author.post(reverse("wagtailsnippets_synonyms_synonymset:add"),
                          {"terms": "Technikum\nSchwarzmasse", "note": "", "active": "on"})
    assert refused.status_code == 200
    assert "„Schwarzmasse“ steht schon in der aktiven Synonymgruppe „Schwarzmasse / Schwarzmaterial / black mass“" \
        in refused.content.decode()

    response = author.post(reverse("wagtailsnippets_synonyms_synonymset:add"),
                           {"terms": "Technikum\n\nTechnikumsanlage\n", "note": "Kleiner als eine Pilotanlage.",
                            "active": "on"})
    assert response.status_code == 302
    technikum = SynonymSet.objects.get(terms__startswith="Technikum")
    assert technikum.phrases() == ("Technikum", "Technikumsanlage") and technikum.active
    assert ("Technikum", "Technikumsanlage") in vocabulary.current().synonym_sets

    edit_url = reverse("wagtailsnippets_synonyms_synonymset:edit", args=(technikum.pk,))
    assert author.post(edit_url, {"terms": technikum.terms, "note": technikum.note}).status_code == 302  # unticked
    technikum.refresh_from_db()
    assert not technikum.active
    assert not any("Technikum" in s for s in vocabulary.current().synonym_sets)


def test_only_moderators_delete_a_set():
    technikum = SynonymSet.objects.create(terms="Technikum\nTechnikumsanlage")
    delete_url = reverse("wagtailsnippets_synonyms_synonymset:delete", args=(technikum.pk,))

    assert logged_in(editor()).post(delete_url).status_code in (302, 403)
    assert SynonymSet.objects.filter(pk=technikum.pk).exists()
    assert logged_in(moderator()).post(delete_url).status_code == 302
    assert not SynonymSet.objects.filter(pk=technikum.pk).exists()
