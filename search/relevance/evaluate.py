"""Seed the demo site, index a collection into a backend and run the judged queries (needs Django set up).

:mod:`search.relevance.run` prepares a throwaway environment and calls
:func:`seed` (the demo collection) or :func:`search.relevance.archive.install.install`
(the archive collection) once, then :func:`evaluate_backend` per backend.
Queries take the website's path: ``search.service.parse_query`` on the
request parameters (``q`` and the query's facet filters), then
``run_search`` on the configured backend, as an anonymous visitor.
"""

from __future__ import annotations

import contextlib

import io
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings
from wagtail.models import Page

from ingest.indexing import expected_entries  # what the site indexes, built from the database
from portal.demo import content
from portal.searchable import SearchablePage
from search.backends import get_backend, reset_backend_cache
from search.documents import SearchDocument
from search.relevance.demo import demo_keys, resolve
from search.relevance.judgements import JudgedQuery
from search.relevance.metrics import ndcg_at_k, recall_at_k
from search.service import parse_query, run_search

EMBEDDED = "search.backends.embedded.EmbeddedBackend"
ELASTICSEARCH = "search.backends.elasticsearch.ElasticsearchBackend"


class SeedFailed(RuntimeError):
    """A collection did not come out as expected (seeded or imported): figures on it would mislead."""


@dataclass(frozen=True)
class Corpus:
    entries: tuple[SearchDocument, ...]  # what the index should hold: every entry the site indexes
    ids: dict[str, str]  # stable key ("project/inrec", "archive/x.pdf") -> index id ("page:12", "document:3")

    @property
    def keys(self) -> dict[str, str]:
        """Index id -> stable key, for showing results."""
        return {id_: key for key, id_ in self.ids.items()}


@dataclass(frozen=True)
class QueryOutcome:
    query: JudgedQuery
    ndcg: float
    recall: float
    total: int  # how many items matched in all
    top: tuple[str, ...]  # the first k results as stable keys (index ids for non-demo entries)


@dataclass(frozen=True)
class BackendRun:
    name: str
    engine: str  # "SQLite 3.45.1 FTS5", "Elasticsearch 8.19.21"
    documents: int
    outcomes: tuple[QueryOutcome, ...]


def seed() -> Corpus:
    """Migrate the (throwaway) database, run ``seed_demo`` and check what it produced.

    Seeding publishes pages through Wagtail, so PDFs are extracted and pages
    indexed by the portal's own signals into the configured backend.  The
    check compares that index with :attr:`Corpus.entries`, so the entries the
    backends are filled with below are exactly what the site indexes.
    """
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", no_admin=True, verbosity=0, stdout=io.StringIO())
    pages = [page for page in Page.objects.live().specific() if isinstance(page, SearchablePage)]
    # Everything the site indexes (pages, institutions, standalone documents); the judgements name pages only,
    # so the other entries count as not relevant.
    corpus = Corpus(entries=tuple(expected_entries()), ids=resolve(pages))
    _check_corpus(corpus, get_backend().fingerprints())
    return corpus


def _check_corpus(corpus: Corpus, indexed: dict[str, str]) -> None:
    missing = sorted(set(demo_keys()) - set(corpus.ids))
    if missing:
        raise SeedFailed(f"No live page has the key(s) {', '.join(missing)}: seed_demo and "
                         f"search.relevance.demo.demo_keys disagree about slugs.")
    expected_pdfs = len(content.PROJECTS) + len(content.PAPERS) + len(content.TECHNOLOGIES)
    attachments = [attachment for entry in corpus.entries if entry.id.startswith("page:")
                   for attachment in entry.attachments]
    if len(attachments) != expected_pdfs:
        raise SeedFailed(f"The demo pages carry {len(attachments)} PDFs, the demo content has {expected_pdfs}.")
    empty = [attachment.title for attachment in attachments
             if not attachment.pages or not all(page.text.strip() for page in attachment.pages)]
    if empty:
        raise SeedFailed(f"No text was extracted from {len(empty)} demo PDF(s) (first: {empty[0]!r}); "
                         f"see the extraction errors above.")
    expected = {entry.id: entry.fingerprint for entry in corpus.entries}
    if indexed != expected:
        differing = sorted(set(indexed.items()) ^ set(expected.items()))
        raise SeedFailed(f"What seeding indexed differs from the live pages in {len(differing)} entries "
                         f"(first: {differing[0][0]}); an indexing task failed, see the log above.")


#: the facet fields whose values the report counts per collection
COUNTED_FACETS = {"metal": "metals", "process": "processes"}


def facet_counts(corpus: Corpus) -> dict[str, dict[str, dict[str, int]]]:
    """Per facet and value: how many of the collection's judged items carry it, and how many only by detection.

    Counts the items the judgements can name (demo pages, archive documents),
    with groups and parent processes included as the index holds them
    (``search.facets``).
    """
    judged = set(corpus.ids.values())
    counts: dict[str, dict[str, dict[str, int]]] = {name: {} for name in COUNTED_FACETS}
    for entry in corpus.entries:
        if entry.id not in judged:
            continue
        detected = set(entry.detected)
        for name, field_name in COUNTED_FACETS.items():
            for value in getattr(entry, field_name):
                count = counts[name].setdefault(value, {"documents": 0, "detected_only": 0})
                count["documents"] += 1
                count["detected_only"] += f"{field_name}:{value}" in detected
    return {name: dict(sorted(values.items(), key=lambda item: (-item[1]["documents"], item[0])))
            for name, values in counts.items()}


def embedded_config(directory: Path) -> dict[str, Any]:
    return {"BACKEND": EMBEDDED, "PATH": str(directory / f"relevance-{uuid.uuid4().hex[:8]}.sqlite3")}


def elasticsearch_config(url: str) -> dict[str, Any]:
    # An alias of its own: never the portal's, never another run's.
    return {"BACKEND": ELASTICSEARCH, "URL": url, "INDEX": f"relevance-{uuid.uuid4().hex[:8]}", "TIMEOUT": 30}


@contextlib.contextmanager
def filled_backend(name: str, config: dict[str, Any], corpus: Corpus) -> Iterator[tuple[Any, int]]:
    """Backend ``config`` as the configured one, its fresh index filled with the corpus: (backend, documents).

    The index is dropped afterwards.
    """
    with override_settings(PORTAL_SEARCH=config):
        reset_backend_cache()
        backend = get_backend()
        try:
            backend.setup()
            backend.clear()
            backend.index(corpus.entries)
            documents = backend.count()
            if documents != len(corpus.entries):
                raise SeedFailed(f"{name}: {documents} documents in the index after indexing {len(corpus.entries)}.")
            yield backend, documents
        finally:
            _drop(backend)
            reset_backend_cache()


def evaluate_backend(name: str, config: dict[str, Any], corpus: Corpus, queries: Sequence[JudgedQuery],
                     k: int) -> BackendRun:
    """Fill a fresh index of backend ``config`` with the corpus and run every query through the service."""
    with filled_backend(name, config, corpus) as (backend, documents):
        keys = corpus.keys
        outcomes = []
        for query in queries:
            judgements = {corpus.ids[key]: grade for key, grade in query.grades.items()}
            ranked, total = ranked_ids(query.text, k, query.filters)
            outcomes.append(QueryOutcome(
                query=query,
                ndcg=ndcg_at_k(ranked, judgements, k),
                recall=recall_at_k(ranked, judgements, k),
                total=total,
                top=tuple(keys.get(id_, id_) for id_ in ranked),
            ))
        return BackendRun(name=name, engine=_engine(backend), documents=documents, outcomes=tuple(outcomes))


def ranked_ids(text: str, k: int, filters: Mapping[str, Sequence[str]] | None = None) -> tuple[list[str], int]:
    """The first ``k`` result ids for ``text`` (with facet ``filters``) as the website gets them, and the total."""
    ids: list[str] = []
    total, page = 0, 1
    while len(ids) < k:
        params = QueryDict(mutable=True)
        params["q"] = text
        for name, values in (filters or {}).items():
            params.setlist(name, list(values))
        params["page"] = str(page)
        results = run_search(parse_query(params)).results
        total = results.total
        ids.extend(hit.id for hit in results.hits)
        if not results.hits or page >= results.page_count:
            break
        page += 1
    return ids[:k], total


def _engine(backend) -> str:
    client = getattr(backend, "client", None)
    if client is None:
        return f"SQLite {sqlite3.sqlite_version} FTS5"
    # Not GET /: minimal distributions (the test harness's) lack the rest-root module.
    nodes = client.nodes.info(node_id="_local", filter_path="nodes.*.version")["nodes"]
    return f"Elasticsearch {next(iter(nodes.values()))['version']}"


def _drop(backend) -> None:
    """Remove what the run created in a server (the embedded file goes with the temporary directory)."""
    client = getattr(backend, "client", None)
    if client is not None:
        for name in backend.stored_versions():
            client.indices.delete(index=name)
