"""Institutions are named without their legal form, as people type them (portal.synonyms.source)."""

import pytest

from portal.synonyms.source import short_name


@pytest.mark.parametrize("name, short", [
    ("Batterie-Recycling Harz GmbH", "Batterie-Recycling Harz"),
    ("Elektroschrott Verwertung Nordharz AG", "Elektroschrott Verwertung Nordharz"),
    ("Verein Bergbauregion Harz e.V.", "Verein Bergbauregion Harz"),
    ("Harzer Metallhütte Langelsheim GmbH & Co. KG", "Harzer Metallhütte Langelsheim"),
    ("Boliden Rönnskär AB", "Boliden Rönnskär"),
    ("Hochschule Oberharz", "Hochschule Oberharz"),  # no legal form: unchanged
    ("Landkreis Goslar, Abfallwirtschaft", "Landkreis Goslar, Abfallwirtschaft"),
    ("AG", "AG"),  # nothing would be left
    ("Magnetag Solutions", "Magnetag Solutions"),  # "ag" inside a word is no legal form
])
def test_a_trailing_legal_form_is_left_out(name, short):
    assert short_name(name) == short
