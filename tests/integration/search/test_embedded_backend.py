"""What only the embedded backend has: its own file, threads, folded accents."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends.base import SearchUnavailable
from search.backends.embedded import SCHEMA_VERSION, EmbeddedBackend
from search.documents import SearchDocument
from search.query import SearchQuery
from tests.integration.search.conftest import BIOLEACHING_HARZ, CORPUS, INDIUM_LCD


@pytest.fixture
def path(tmp_path):
    return tmp_path / "deep" / "er" / "search.sqlite3"


def test_the_file_and_its_folders_are_created_in_wal_mode(path):
    EmbeddedBackend({"PATH": str(path)}).setup()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_using_it_before_setup_sets_up_first(path):
    backend = EmbeddedBackend({"PATH": str(path)})
    assert backend.count() == 0
    assert path.exists()


def test_a_missing_path_names_the_setting():
    with pytest.raises(ImproperlyConfigured, match="PORTAL_SEARCH_PATH"):
        EmbeddedBackend({})


def test_an_unusable_path_is_search_unavailable(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    backend = EmbeddedBackend({"PATH": str(tmp_path / "a-file" / "search.sqlite3")})
    with pytest.raises(SearchUnavailable, match="PORTAL_SEARCH_PATH"):
        backend.search(SearchQuery(text="Indium"))


def test_a_file_of_another_schema_version_is_emptied_and_rebuilt(path, caplog):
    old = EmbeddedBackend({"PATH": str(path)})
    old.index(CORPUS)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 1")
        connection.execute("ALTER TABLE documents DROP COLUMN fingerprint")  # as schema 1 had it
    backend = EmbeddedBackend({"PATH": str(path)})
    backend.setup()
    assert "Run `manage.py reconcile`" in caplog.text
    assert backend.count() == 0
    backend.index(CORPUS)  # the new schema works
    assert set(backend.fingerprints()) == {document.id for document in CORPUS}
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_accents_are_folded(path):
    backend = EmbeddedBackend({"PATH": str(path)})
    backend.index(CORPUS)
    # Elasticsearch (core analysis only) cannot fold; the embedded backend can.
    assert {hit.id for hit in backend.search(SearchQuery(text="Bergbauruckstanden")).hits} == {BIOLEACHING_HARZ.id}


def test_sentinel_characters_in_content_do_not_fake_marks(path):
    backend = EmbeddedBackend({"PATH": str(path)})
    backend.index([SearchDocument(id="x", content_type="project", title="Indium \ue000fake\ue001", url="/x/")])
    (hit,) = backend.search(SearchQuery(text="Indium")).hits
    assert hit.highlights == ("<mark>Indium</mark> fake",)


def test_threads_index_and_search_at_the_same_time(path):
    backend = EmbeddedBackend({"PATH": str(path)})
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for round_ in range(10):
                document = SearchDocument(id=f"t{number}-{round_ % 3}", content_type="project",
                                          title=f"Indium Versuch {number}", url=f"/t/{number}/")
                backend.index([document])
                backend.search(SearchQuery(text="Indium Versuch"))
                backend.delete([f"t{number}-{(round_ + 1) % 3}"])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert backend.count() == backend.search(SearchQuery(text="Indium", page_size=100)).total


def test_two_instances_share_one_file(path):
    writer, reader = EmbeddedBackend({"PATH": str(path)}), EmbeddedBackend({"PATH": str(path)})
    writer.index([INDIUM_LCD])
    assert reader.count() == 1
