"""An institution's search entry reads as prose: its fragments are what a result shows."""

from types import SimpleNamespace

from portal.taxonomy.search import institution_body


def _item(name_de: str, name_en: str) -> SimpleNamespace:
    return SimpleNamespace(name_de=name_de, name_en=name_en)


def test_the_expertise_is_a_german_and_an_english_sentence_after_the_description():
    body = institution_body(
        "Lehrstühle für Rohstoffaufbereitung und Metallurgie.",
        [_item("Kupfer", "Copper"), _item("Indium", "Indium"), _item("Germanium", "Germanium")],
        [_item("Hydrometallurgie", "Hydrometallurgy"), _item("Solventextraktion", "Solvent extraction")],
        ["InRec Indium aus Displayglas"],
    )
    assert body == (
        "Lehrstühle für Rohstoffaufbereitung und Metallurgie. "
        "Fachgebiete: Kupfer, Indium und Germanium; Hydrometallurgie und Solventextraktion. "
        "Expertise: Copper, Indium and Germanium; Hydrometallurgy and Solvent extraction. "
        "Beteiligt an (took part in): InRec Indium aus Displayglas."
    )


def test_no_name_is_a_bare_list_of_labels():
    body = institution_body("", [_item("Platin", "Platinum")], [], [])
    assert body == "Fachgebiete: Platin. Expertise: Platinum."
    assert "Platin Platinum" not in body


def test_an_institution_without_expertise_or_work_is_its_description():
    assert institution_body("Abfallwirtschaft des Landkreises.", [], [], []) == "Abfallwirtschaft des Landkreises."
