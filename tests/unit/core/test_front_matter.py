"""Front matter of Markdown files: YAML between leading '---' lines."""

from __future__ import annotations

import datetime

import pytest

from portal.core.markdown import parse_front_matter

PAPER = """\
---
title: Rückgewinnung von Gallium aus LED-Schrott
authors: [A. Müller, B. Schmidt]
date: 2024-05-14
metals: [ga, in]
---
## Abstract

Gallium wurde …
"""


def test_splits_metadata_from_the_body():
    meta, body = parse_front_matter(PAPER)
    assert meta == {
        "title": "Rückgewinnung von Gallium aus LED-Schrott",
        "authors": ["A. Müller", "B. Schmidt"],
        "date": datetime.date(2024, 5, 14),
        "metals": ["ga", "in"],
    }
    assert body == "## Abstract\n\nGallium wurde …\n"


def test_text_without_front_matter_is_all_body():
    assert parse_front_matter("# Titel\n\nText\n") == ({}, "# Titel\n\nText\n")
    assert parse_front_matter("") == ({}, "")


def test_front_matter_must_start_on_the_first_line():
    text = "\n---\ntitle: x\n---\nText"
    assert parse_front_matter(text) == ({}, text)


def test_empty_front_matter_is_an_empty_mapping():
    assert parse_front_matter("---\n---\nText") == ({}, "Text")


def test_yaml_document_end_marker_also_closes():
    assert parse_front_matter("---\ntitle: x\n...\nText") == ({"title": "x"}, "Text")


def test_nothing_after_the_closing_line_gives_an_empty_body():
    assert parse_front_matter("---\ntitle: x\n---") == ({"title": "x"}, "")


def test_byte_order_mark_is_ignored():
    meta, body = parse_front_matter("\ufeff" + PAPER)
    assert meta["title"] == "Rückgewinnung von Gallium aus LED-Schrott"
    assert body.startswith("## Abstract")


def test_windows_and_old_mac_line_endings():
    crlf_meta, crlf_body = parse_front_matter(PAPER.replace("\n", "\r\n"))
    cr_meta, cr_body = parse_front_matter(PAPER.replace("\n", "\r"))
    assert crlf_meta == cr_meta == parse_front_matter(PAPER)[0]
    assert crlf_body == cr_body == "## Abstract\n\nGallium wurde …\n"


def test_trailing_spaces_on_the_fences_are_tolerated():
    assert parse_front_matter("--- \ntitle: x\n---\t\nText") == ({"title": "x"}, "Text")


def test_a_dashes_line_in_the_body_is_not_front_matter():
    meta, body = parse_front_matter("---\ntitle: x\n---\nOben\n\n---\n\nUnten")
    assert meta == {"title": "x"}
    assert body == "Oben\n\n---\n\nUnten"


def test_missing_closing_line_is_reported():
    with pytest.raises(ValueError, match=r"line 1 is never closed: add a line containing only '---'"):
        parse_front_matter("---\ntitle: x\n\n# Text ohne Ende der Metadaten\n")


def test_invalid_yaml_names_the_line_in_the_file():
    text = "---\ntitle: x\nauthors: [A. Müller, B. Schmidt\ndate: 2024-05-14\n---\nText"
    with pytest.raises(ValueError, match=r"not valid YAML at line 4: ") as error:
        parse_front_matter(text)
    assert isinstance(error.value.__cause__, Exception)


def test_bad_indentation_names_its_line():
    with pytest.raises(ValueError, match=r"not valid YAML at line 3: "):
        parse_front_matter("---\ntitle: x\n  - nicht eingerückt: y\n---\nText")


def test_tabs_for_indentation_are_reported():
    with pytest.raises(ValueError, match=r"not valid YAML at line 3"):
        parse_front_matter("---\nmetals:\n\t- ga\n---\n")


@pytest.mark.parametrize(
    ("yaml", "kind"),
    [("[ga, in]", "list"), ("nur ein Satz", "single text value"), ("42", "int")],
)
def test_front_matter_must_be_a_mapping(yaml, kind):
    with pytest.raises(ValueError, match=rf"\(line 2\) must be a mapping .* not a {kind}\."):
        parse_front_matter(f"---\n{yaml}\n---\nText")


def test_a_mapping_over_several_lines_names_them():
    with pytest.raises(ValueError, match=r"\(lines 2-3\) must be a mapping"):
        parse_front_matter("---\n- ga\n- in\n---\n")


def test_unclosed_quote_names_where_it_opened():
    with pytest.raises(ValueError, match=r"while scanning a quoted scalar on line 3"):
        parse_front_matter('---\ndate: 2024-05-14\ntitle: "Gallium aus LED-Schrott\nauthors: A. Müller\n---\n')


def test_a_key_given_twice_is_an_error_not_last_one_wins():
    with pytest.raises(ValueError, match=r"at line 4: the key 'title' is given twice"):
        parse_front_matter("---\ntitle: Erster Titel\ndate: 2024-05-14\ntitle: Zweiter Titel\n---\n")


def test_keys_must_be_text():
    with pytest.raises(ValueError, match=r"key 2024 is not text"):
        parse_front_matter("---\n2024: Jahrestagung\n---\n")


def test_yaml_tags_that_would_build_python_objects_are_refused():
    with pytest.raises(ValueError, match=r"not valid YAML"):
        parse_front_matter("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
