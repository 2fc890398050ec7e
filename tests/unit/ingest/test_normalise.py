"""Text from PDFs is normalised before it is stored and indexed."""

from ingest.normalise import normalise_text


def test_ligatures_are_unfolded():
    assert normalise_text("Die Eﬃzienz der Raﬃnation") == "Die Effizienz der Raffination"


def test_words_hyphenated_across_a_line_break_are_joined():
    assert normalise_text("Die Rück-\ngewinnung von Indium") == "Die Rückgewinnung von Indium"


def test_hyphens_before_capitals_are_kept_as_compounds():
    # "LED-\nFertigung" is a real hyphenated compound, not a broken word.
    assert normalise_text("LED-\nFertigung") == "LED-\nFertigung"


def test_soft_hyphens_and_control_characters_are_removed():
    assert normalise_text("Kup\u00adfer\x00recycling\x07") == "Kupfer recycling"


def test_runs_of_spaces_and_blank_lines_collapse():
    assert normalise_text("  Gallium   und\u00a0Germanium \n\n\n\n Seite 2 ") == "Gallium und Germanium\n\nSeite 2"


def test_compatibility_forms_are_normalised():
    assert normalise_text("５０ ｍｇ") == "50 mg"
