"""Rebuilding the whole index: a new version, switched to atomically, nothing lost meanwhile.

The rebuild tests run on both backends (the conformance suite's
``empty_backend``: an embedded file, and a real Elasticsearch index, marked
``elasticsearch``).  Searches and live writes go on during a rebuild; the
progress callback, called between batches, is where they happen here.
The ``reindex`` command runs end to end on the embedded default with pages
and a standalone document in the database.
"""

from __future__ import annotations

import dataclasses
import io
import sqlite3

import pytest
from django.core.management import CommandError, call_command

from ingest.indexing import document_entry_id
from ingest.models import PortalDocument
from ingest.pipeline import extract_document
from portal.demo.pdf import make_pdf
from search.backends import get_backend, reset_backend_cache
from search.backends.base import SearchUnavailable
from search.backends.embedded import EmbeddedBackend
from search.documents import SearchDocument
from search.query import SearchQuery
from search.rebuild import RebuildFailed, rebuild
from tests.integration.search.conftest import (CABLE_UNDATED, COPPER_PCB, CORPUS, INDIUM_LCD, PDF_ONLY_WORD,
                                               PUBLIC)

NEW_WORD = "Neuauflage"  # stands only in the titles of the rebuilt entries

NEWS_DURING_REBUILD = SearchDocument(
    id="page:99",
    content_type="news",
    title="Germanium aus Flugasche: Pilotanlage läuft",
    url="/aktuelles/germanium-flugasche/",
    summary="Die Pilotanlage gewinnt Germanium aus der Flugasche eines Kohlekraftwerks.",
    language="de",
    metals=("ge",),
)


def found(backend, text: str) -> set[str]:
    return {hit.id for hit in backend.search(SearchQuery(text=text, page_size=50)).hits}


def renamed(entries) -> list[SearchDocument]:
    return [dataclasses.replace(entry, title=f"{entry.title} ({NEW_WORD})") for entry in entries]


def raising_after(entries, count: int):
    yield from entries[:count]
    raise SearchUnavailable("Elasticsearch at http://127.0.0.1:9 cannot be reached to index documents.")


@pytest.fixture
def live(empty_backend):
    """A backend whose live version holds ``CORPUS``."""
    empty_backend.index(CORPUS)
    return empty_backend


# --- rebuilding -------------------------------------------------------------------


def test_a_rebuild_puts_a_new_version_with_the_same_documents_behind_the_alias(live):
    before = live.live_version()
    fingerprints = live.fingerprints()

    report = rebuild(iter(CORPUS), live, batch_size=3)

    assert report.previous == before
    assert report.version != before and live.live_version() == report.version
    assert report.indexed == len(CORPUS)
    assert live.fingerprints() == fingerprints
    assert found(live, "Kabelschrott") == {CABLE_UNDATED.id}
    page_hits = live.search(SearchQuery(text=PDF_ONLY_WORD)).hits[0].page_hits
    assert [(page.attachment_title, page.number) for page in page_hits] == [("Abschlussbericht InLCD", 3)]


def test_the_previous_version_is_removed_after_the_switch(live):
    before = live.live_version()
    report = rebuild(CORPUS, live)
    assert report.replaced == [before]
    assert live.stored_versions() == [report.version]
    assert report.leftovers == []
    # and the next rebuild replaces this one in turn
    again = rebuild(CORPUS, live)
    assert live.stored_versions() == [again.version] and again.replaced == [report.version]


def test_searches_during_the_rebuild_answer_from_the_old_version(live):
    before = live.live_version()
    seen = []

    def between_batches(done: int) -> None:
        seen.append((done, live.live_version(), found(live, NEW_WORD), found(live, "Kabelschrott"),
                     len(live.stored_versions())))

    report = rebuild(renamed(CORPUS), live, between_batches, batch_size=3)

    assert [done for done, *_ in seen] == [3, 6, 8]
    for _done, version, new_word, old_title, versions in seen:
        assert version == before  # the old version serves ...
        assert new_word == set()  # ... and nothing of the new one shows yet
        assert old_title == {CABLE_UNDATED.id}
        assert versions == 2  # both exist while building
    assert found(live, NEW_WORD) == {entry.id for entry in PUBLIC}
    assert live.live_version() == report.version


def test_writes_during_the_rebuild_are_caught_up_after_the_switch(live):
    # The database as the build reads it (before the writes) and as it is afterwards.
    changed = dataclasses.replace(COPPER_PCB, summary="Kupfer wird elektrolytisch raffiniert; Zinnschlacke fällt an.")
    now = [entry for entry in CORPUS if entry.id not in (CABLE_UNDATED.id, COPPER_PCB.id)]
    now += [changed, NEWS_DURING_REBUILD]

    def live_writes(done: int) -> None:
        if done == 3:  # an editor publishes, edits and unpublishes while the build runs
            live.index([NEWS_DURING_REBUILD, changed])
            live.delete([CABLE_UNDATED.id])
            assert found(live, "Flugasche") == {NEWS_DURING_REBUILD.id}  # live on the old version at once

    report = rebuild(CORPUS, live, live_writes, batch_size=3, catch_up=lambda: now)

    assert sorted(report.caught_up) == sorted([NEWS_DURING_REBUILD.id, COPPER_PCB.id])
    assert report.removed == [CABLE_UNDATED.id]
    assert live.fingerprints() == {entry.id: entry.fingerprint for entry in now}
    assert found(live, "Flugasche") == {NEWS_DURING_REBUILD.id}
    assert found(live, "Zinnschlacke") == {COPPER_PCB.id}
    assert found(live, "Kabelschrott") == set()


def test_a_failure_midway_leaves_the_old_version_serving(live):
    before = live.live_version()
    fingerprints = live.fingerprints()

    with pytest.raises(RebuildFailed) as failure:
        rebuild(raising_after(renamed(CORPUS), 5), live, batch_size=2)

    message = str(failure.value)
    assert "stopped after 4 entries" in message and "cannot be reached" in message
    assert f"searches still use {before}, unchanged" in message
    assert live.live_version() == before
    assert live.stored_versions() == [before]  # the half-built version is gone
    assert live.fingerprints() == fingerprints
    assert found(live, NEW_WORD) == set() and found(live, "Kabelschrott") == {CABLE_UNDATED.id}
    live.index([NEWS_DURING_REBUILD])  # and live writes still land
    assert found(live, "Flugasche") == {NEWS_DURING_REBUILD.id}
    # a later rebuild succeeds
    assert rebuild(CORPUS, live).version in live.stored_versions()


def test_an_interrupted_rebuild_can_be_aborted_without_touching_the_live_version(live):
    before = live.live_version()
    target = live.begin_rebuild()
    live.index_into(target, renamed(CORPUS))
    assert set(live.stored_versions()) == {before, target}
    live.abort_rebuild(target)
    assert live.stored_versions() == [before]
    assert found(live, NEW_WORD) == set()


# --- embedded only: one rebuild per file at a time ------------------------------------


def test_a_second_rebuild_of_the_same_embedded_file_is_refused_while_one_runs(tmp_path):
    path = tmp_path / "search.sqlite3"
    first, second = EmbeddedBackend({"PATH": str(path)}), EmbeddedBackend({"PATH": str(path)})
    first.index(CORPUS)
    target = first.begin_rebuild()
    with pytest.raises(SearchUnavailable, match="Another reindex is rebuilding"):
        rebuild(CORPUS, second)
    first.abort_rebuild(target)
    assert rebuild(CORPUS, second).version == "v2"


def test_tables_left_by_a_crashed_embedded_rebuild_are_dropped_by_the_next(tmp_path):
    path = tmp_path / "search.sqlite3"
    crashed = EmbeddedBackend({"PATH": str(path)})
    crashed.index(CORPUS)
    crashed.index_into(crashed.begin_rebuild(), CORPUS[:2])
    crashed._unlock_rebuild()  # what the kernel does when the process dies
    backend = EmbeddedBackend({"PATH": str(path)})
    report = rebuild(CORPUS, backend)
    assert report.version == "v2" and backend.stored_versions() == ["v2"]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'rebuild%'").fetchone() == (0,)


# --- the command, end to end on the embedded default ----------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def embedded_index(settings, tmp_path):
    settings.PORTAL_SEARCH = {"BACKEND": "search.backends.embedded.EmbeddedBackend",
                              "PATH": str(tmp_path / "index" / "search.sqlite3")}
    reset_backend_cache()
    yield get_backend()
    reset_backend_cache()


@pytest.mark.django_db
def test_the_reindex_command_rebuilds_pages_and_documents_from_the_database(embedded_index):
    from home.models import HomePage
    from portal.news.models import NewsArticlePage, NewsIndexPage

    news = HomePage.objects.get().add_child(instance=NewsIndexPage(title="Aktuelles", slug="aktuelles"))
    for slug, title, teaser in [
        ("haldenwasser", "Gallium im Haldenwasser", "Im Sickerwasser der Halde wurde Gallium gefunden."),
        ("pilotanlage", "Pilotanlage für Kupfer", "Die Pilotanlage raffiniert Kupfer aus Kabelschrott."),
    ]:
        article = news.add_child(instance=NewsArticlePage(title=title, slug=slug, teaser=teaser, body=[]))
        article.save_revision().publish()
    archive = PortalDocument(title="Tagungsband 2019")
    archive.file.save("tagungsband-2019.pdf", io.BytesIO(make_pdf(
        ["Tagungsband des Symposiums 2019.", "Die Zementation mit Zinkpulver fällte Indium aus."])), save=True)
    extract_document(PortalDocument.objects.get(pk=archive.pk))
    # The index has drifted: an entry of a page that no longer exists, and nothing else.
    embedded_index.index([dataclasses.replace(CABLE_UNDATED, id="page:424242")])
    before = embedded_index.live_version()

    out, err = Terminal(), io.StringIO()
    call_command("reindex", "--batch-size", "2", stdout=out, stderr=err)

    output = out.getvalue()
    assert "searches keep using the current version" in output
    assert "[3/3] 100%" in output and "entries/s" in output  # the bar, on a terminal
    assert f"Rebuilt the search index: 3 entries in v2, which replaced {before}" in output
    assert "Catch-up of changes made during the rebuild: 0 entries re-indexed, 0 removed." in output
    assert err.getvalue() == ""
    assert embedded_index.live_version() == "v2"
    assert found(embedded_index, "Kabelschrott") == {f"page:{NewsArticlePage.objects.get(slug='pilotanlage').pk}"}
    assert found(embedded_index, "Zementation") == {document_entry_id(archive.pk)}
    hit = embedded_index.search(SearchQuery(text="Zementation")).hits[0]
    assert hit.content_type == "document" and [page.number for page in hit.page_hits] == [2]
    assert "page:424242" not in embedded_index.fingerprints()


@pytest.mark.django_db
def test_the_reindex_command_is_quiet_when_not_on_a_terminal(embedded_index):
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "\r" not in out.getvalue() and "entries/s" not in out.getvalue()
    assert "Rebuilt the search index: 0 entries in v2" in out.getvalue()
    call_command("reindex", verbosity=0, stdout=(silent := io.StringIO()))
    assert silent.getvalue() == ""


@pytest.mark.django_db
def test_the_reindex_command_says_what_to_do_when_the_index_cannot_be_used(settings, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    settings.PORTAL_SEARCH = {"BACKEND": "search.backends.embedded.EmbeddedBackend",
                              "PATH": str(tmp_path / "a-file" / "search.sqlite3")}
    reset_backend_cache()
    try:
        with pytest.raises(CommandError, match="PORTAL_SEARCH_PATH.*Nothing was changed; run the reindex again"):
            call_command("reindex", stdout=io.StringIO())
    finally:
        reset_backend_cache()


def test_a_rebuild_keeps_the_members_only_entries(live):
    rebuild(CORPUS, live)
    members = live.search(SearchQuery(text="Tantal", viewer_groups=("public", "members")))
    assert [hit.id for hit in members.hits] == ["page:16"]
    assert found(live, "Tantal") == set()  # and still hides them from the public
    assert found(live, "Indium") >= {INDIUM_LCD.id}
