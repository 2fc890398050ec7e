"""Reading Markdown files with front matter into page entries: what is accepted, what is refused and why."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.core.markdown_import import MAX_FILE_BYTES, Author, EntryError, read_entry

NEWS = """---
type: news
title: Neue Pilotanlage für Indium-Recycling in Goslar
date: 2026-05-04
teaser: Die Anlage gewinnt Indium aus dem Glas alter Flachbildschirme zurück.
metals: [In, ga]
processes: leaching, solvent-extraction
---
# Pilotanlage

Die **Laugung** läuft seit März.
"""

PAPER = """---
type: paper
title: Recovery of indium from end-of-life LCD glass
event: Symposium-2025
language: en
session: "Session 2: Hydrometallurgy"
authors:
  - name: Dr. Anna Berger
    affiliation: tu-clausthal
  - Jonas Weber
keywords: [indium, LCD glass]
doi: 10.1234/rc.2025.17
---
Acid leaching dissolved *more than 90 %* of the indium.
"""


def write(tmp_path, text: str, name: str = "entry.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_news_file_becomes_a_news_entry(tmp_path):
    entry = read_entry(write(tmp_path, NEWS, "pilotanlage-goslar.md"))
    assert entry.kind == "news"
    assert entry.slug == "pilotanlage-goslar"  # from the file name
    assert entry.language == "de"  # the portal's default language
    assert entry.date == dt.date(2026, 5, 4)
    assert entry.metals == ["in", "ga"]  # slugs, lower case
    assert entry.processes == ["leaching", "solvent-extraction"]  # a comma list is accepted too
    assert entry.body.startswith("# Pilotanlage")


def test_a_paper_file_names_its_edition_authors_and_affiliations(tmp_path):
    entry = read_entry(write(tmp_path, PAPER))
    assert entry.kind == "paper"
    assert entry.event == "symposium-2025"
    assert entry.language == "en"
    assert entry.authors == [Author("Dr. Anna Berger", "tu-clausthal"), Author("Jonas Weber", "")]
    assert entry.keywords == ["indium", "LCD glass"]
    assert entry.session == "Session 2: Hydrometallurgy"


def test_the_type_can_come_from_the_command_line(tmp_path):
    text = NEWS.replace("type: news\n", "")
    with pytest.raises(EntryError, match="'type' must be one of news, paper"):
        read_entry(write(tmp_path, text))
    assert read_entry(write(tmp_path, text), default_type="news").kind == "news"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("teaser: Die Anlage gewinnt Indium aus dem Glas alter Flachbildschirme zurück.\n", ""), "lacks teaser"),
        (("date: 2026-05-04", "date: 4. Mai 2026"), "'date' must be a date like 2026-05-04"),
        (("type: news\n", "type: news\nauthor: someone\n"), "unknown front matter key"),
        (("type: news\n", "type: news\nlanguage: fr\n"), "'language' must be one of de, en"),
        (("title: Neue", "title: [Neue]\nx: "), "unknown front matter key"),
        (("# Pilotanlage\n\nDie **Laugung** läuft seit März.\n", "   \n"), "body after the front matter is empty"),
        (("---\ntype", "--\ntype"), "'type' must be one of"),  # no front matter at all
        (("date: 2026-05-04\n", "date: 2026-05-04\ndate: 2026-05-05\n"), "given twice"),
        (("teaser: Die", "teaser: [unclosed"), "not valid YAML"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(tmp_path, change, message):
    old, new = change
    assert old in NEWS
    with pytest.raises(EntryError, match=message):
        read_entry(write(tmp_path, NEWS.replace(old, new, 1)))


def test_paper_authors_must_be_names_or_mappings(tmp_path):
    text = PAPER.replace("  - Jonas Weber\n", "  - {name: Jonas Weber, email: jw@example.org}\n")
    with pytest.raises(EntryError, match="each author mapping needs 'name'"):
        read_entry(write(tmp_path, text))


def test_files_that_are_not_utf8_text_or_too_big_are_refused(tmp_path):
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(NEWS.encode("latin-1"))
    with pytest.raises(EntryError, match="not UTF-8"):
        read_entry(latin1)
    big = tmp_path / "big.md"
    big.write_bytes(NEWS.encode() + b"x" * MAX_FILE_BYTES)
    with pytest.raises(EntryError, match="at most 1,000,000"):
        read_entry(big)


def test_an_overlong_title_is_refused_rather_than_cut(tmp_path):
    with pytest.raises(EntryError, match="'title' has 300 characters"):
        read_entry(write(tmp_path, NEWS.replace("title: Neue Pilotanlage für Indium-Recycling in Goslar", "title: " + "T" * 300)))
