"""A source the portal hands the search layer is read once per process, and again only when it changed."""

from __future__ import annotations

import pytest

from search import sources
from search.sources import CachedSource


@pytest.fixture
def versions(monkeypatch):
    """The shared versions as the database would hold them; None: unreadable."""
    held: dict = {"value": {}}
    monkeypatch.setattr(sources, "shared_versions", lambda max_age=None: held["value"])
    monkeypatch.setattr(sources, "CHECK_SECONDS", 0.0)
    return held


@pytest.fixture
def source():
    reads: list[int] = []

    def read() -> int:
        reads.append(len(reads) + 1)
        return reads[-1]

    cached = CachedSource("test", 0, "a test source")
    cached.set_source(read)
    return cached, reads


def test_read_once_and_held_while_nothing_changed(source, versions):
    cached, reads = source
    assert [cached.current() for _ in range(5)] == [1] * 5
    assert reads == [1]


def test_read_again_when_this_process_forgets_it(source, versions):
    cached, reads = source
    cached.current()
    cached.forget()
    assert cached.current() == 2


def test_read_again_when_another_process_changed_its_version(source, versions):
    cached, reads = source
    cached.current()
    versions["value"] = {"test": 1, "other": 7}
    assert cached.current() == 2
    assert cached.current() == 2
    versions["value"] = {"test": 1, "other": 8}  # another source's change is not this one's
    assert cached.current() == 2


def test_unreadable_versions_keep_the_value_until_max_age(source, versions, monkeypatch):
    cached, reads = source
    cached.current()
    versions["value"] = None
    assert cached.current() == 1
    monkeypatch.setattr(sources, "MAX_AGE", 0.0)
    assert cached.current() == 2


def test_a_failing_source_keeps_what_was_held(source, versions, caplog):
    cached, reads = source
    cached.current()

    def broken():
        raise RuntimeError("no database")

    cached.set_source(broken)
    assert cached.current() == 0  # forgotten by set_source: nothing held, the empty value
    cached.set_source(lambda: 5)
    assert cached.current() == 5
    cached._read = broken
    versions["value"] = {"test": 3}
    assert cached.current() == 5
    assert "A test source could not be read" in caplog.text


def test_an_override_needs_no_source_and_no_database(source, monkeypatch):
    cached, reads = source
    monkeypatch.setattr(sources, "shared_versions", lambda max_age=None: pytest.fail("looked at the versions"))
    with cached.override(42):
        assert cached.current() == 42
    assert reads == []
