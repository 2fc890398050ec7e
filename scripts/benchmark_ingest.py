#!/usr/bin/env python
"""How fast ingestion is: bare pypdf against the real pipeline with one and two Celery worker processes.

Not a test: it measures and prints figures, and says whether they meet the
aims: the pipeline's CPU per page, every process counted (the Celery worker
and its children -- the extraction fork server and the sandbox children it
forks --, Elasticsearch, PostgreSQL, Redis), at most 1.5 times bare pypdf's
CPU per page (issue 12), and two worker processes at least 1.7 times as fast
as one, or as close to the machine's ceiling as it allows.  CPU, not wall
time, is the measure that holds on a machine shared with other work.  Run it on the real services of the
test harness, which exports DATABASE_URL, CELERY_BROKER_URL and
ELASTICSEARCH_URL::

    .venv/bin/python -m tests.services run -- .venv/bin/python scripts/benchmark_ingest.py --quick
    .venv/bin/python -m tests.services run -- .venv/bin/python scripts/benchmark_ingest.py --documents 200
    .venv/bin/python -m tests.services run -- .venv/bin/python scripts/benchmark_ingest.py --growth

What it does:

1. Generates a corpus of German and English proceedings-like PDFs with
   fpdf2 (like ``portal.demo.pdf``), ``--documents`` of ``--min-pages`` to
   ``--max-pages`` pages, every one different, and caches it in the temp
   folder (the same flags reuse it).
2. (a) Extracts every page with bare pypdf in this one process
   (``PdfReader(path).pages[i].extract_text()``): the floor.  This script
   imports pypdf for that baseline only; the portal's code does so in
   ``ingest/extractors/pdf.py`` alone.
3. (b) Migrates the harness's PostgreSQL, stores the PDFs as documents,
   starts ``celery -A portal worker --concurrency=N`` (prefork: N worker
   processes) with production settings, queues ``ingest.index_document`` for
   every document and polls the database until every one is indexed (or
   failed), for N = 1, then 2, from the same unextracted state.  Worker
   start-up is not timed.  Peak memory is the RSS of the worker's processes,
   sampled from /proc every 0.1 s.
4. Prints a table, the overhead ``(bare rate / 1-worker rate) - 1``, the
   speed-up ``2-worker rate / 1-worker rate``, and the command line.  With
   ``--profile``, or when the overhead misses its aim, it also profiles the
   pipeline for a few documents in this process (cProfile) and prints where
   the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import platform
import pstats
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

AIM_OVERHEAD = 0.25  # the pipeline may be at most 25 % slower than bare pypdf (wall time)
AIM_CPU_RATIO = 1.5  # pipeline CPU per page, all processes, at most 1.5x bare pypdf's (issue 12)
GROWTH_PAGES = "1000,10000"  # corpus sizes of --growth
POLL_SECONDS = 0.25  # how often the run asks PostgreSQL whether it is done (its CPU counts against the pipeline)
AIM_SPEEDUP = 1.7  # two worker processes at least 1.7 times as fast as one
CORPUS_FORMAT = 1  # bump when the generator changes, so cached corpora are not reused
SERVICES = ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")
HARNESS = ".venv/bin/python -m tests.services run --"

from benchmarks.corpus import METALS, SOURCES, page_text  # noqa: E402
from benchmarks.environment import configure_django  # noqa: E402
from benchmarks.growth import print_growth_table, write_growth_plot  # noqa: E402
from benchmarks.processes import (MemorySampler, cpu_seconds, family, family_rss, listener,  # noqa: E402
                                  machine_cpu, stop_worker)


# --- the corpus ------------------------------------------------------------------


def _make_document(spec: tuple[int, int, int, str]) -> tuple[str, int, int]:
    """Write one PDF; return its file name, pages and size (runs in a worker process)."""
    from portal.demo.pdf import make_pdf

    number, pages, seed, folder = spec
    rng = random.Random(seed)
    language = "de" if number % 2 == 0 else "en"
    metal, source = rng.choice(METALS[language]), rng.choice(SOURCES[language])
    if language == "de":
        title = f"Rückgewinnung von {metal} aus {source} (Beitrag {number})"
    else:
        title = f"Recovery of {metal} from {source} (paper {number})"
    texts = [page_text(rng, language, page, title) for page in range(1, pages + 1)]
    data = make_pdf(texts, title=title, author=f"Symposium {2010 + number % 15}")
    name = f"{number:04d}-{language}.pdf"
    (Path(folder) / name).write_bytes(data)
    return name, pages, len(data)


@dataclass
class Corpus:
    folder: Path
    files: list[tuple[Path, int]]  # path, pages
    cached: bool

    @property
    def pages(self) -> int:
        return sum(pages for _path, pages in self.files)

    @property
    def megabytes(self) -> float:
        return sum(path.stat().st_size for path, _pages in self.files) / 1e6


def corpus(documents: int, min_pages: int, max_pages: int, seed: int, folder: Path | None) -> Corpus:
    key = hashlib.sha256(f"{CORPUS_FORMAT}:{documents}:{min_pages}:{max_pages}:{seed}".encode()).hexdigest()[:10]
    folder = folder or Path(tempfile.gettempdir()) / f"portal-bench-corpus-{key}"
    manifest = folder / "manifest.json"
    if manifest.exists():
        entries = json.loads(manifest.read_text())
        return Corpus(folder, [(folder / name, pages) for name, pages in entries], cached=True)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    specs = [(number, rng.randint(min_pages, max_pages), rng.randrange(1 << 30), str(folder))
             for number in range(1, documents + 1)]
    print(f"Generating {documents} PDFs ({sum(s[1] for s in specs)} pages) in {folder} ...", flush=True)
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        made = list(pool.map(_make_document, specs, chunksize=4))
    manifest.write_text(json.dumps([[name, pages] for name, pages, _size in made]))  # written last: complete
    print(f"Generated in {time.monotonic() - started:.0f} s.", flush=True)
    return Corpus(folder, [(folder / name, pages) for name, pages, _size in made], cached=False)


# --- (a) bare pypdf ------------------------------------------------------------------


@dataclass
class Bare:
    pages: int
    seconds: float  # wall
    cpu: float  # CPU seconds of this process (single-threaded)

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.pages


def bare_pypdf(files: list[tuple[Path, int]]) -> Bare:
    import pypdf  # the baseline only; see the module docstring

    pages = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for path, _expected in files:
        reader = pypdf.PdfReader(str(path))
        for number in range(len(reader.pages)):
            reader.pages[number].extract_text()
            pages += 1
    return Bare(pages, time.perf_counter() - started, time.process_time() - cpu_started)


# --- (b) the pipeline on real workers ------------------------------------------------


@dataclass
class Run:
    workers: int
    pages: int = 0
    seconds: float = 0.0
    failed: int = 0
    peak_rss: int = 0  # bytes, all worker processes together
    peak_process_rss: int = 0  # bytes, the largest single process
    processes: int = 0
    extraction_seconds: float = 0.0  # inside extraction (pypdf + normalise), summed over documents
    machine_busy: float = 0.0  # share of all CPUs busy during the run
    worker_cpu: float = 0.0  # CPU seconds of the worker's processes (and the extraction children they reaped)
    service_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per service
    other_cpu: float = 0.0  # CPU seconds of everything else on the machine (this script, other users)
    service_rss: dict[str, int] = field(default_factory=dict)  # bytes per service at the end
    index_bytes: int = 0  # the index's primary store at the end
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu(self) -> float:
        """CPU seconds of the pipeline: the worker's process tree and every service."""
        return self.worker_cpu + sum(self.service_cpu.values())

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.pages if self.pages else 0.0


def service_processes() -> dict[str, int]:
    """The main process of each service of the harness, found by the port in its URL."""
    from urllib.parse import urlsplit

    found = {}
    for name, variable in (("PostgreSQL", "DATABASE_URL"), ("Elasticsearch", "ELASTICSEARCH_URL"),
                           ("Redis", "CELERY_BROKER_URL")):
        port = urlsplit(os.environ[variable]).port
        pid = listener(port) if port else None
        if pid:
            found[name] = pid
    return found


def store_documents(files: list[tuple[Path, int]], media: Path) -> list[int]:
    """The corpus as documents, without the signals (no task is queued before the clock runs)."""
    from wagtail.models import Collection

    from ingest.models import PortalDocument

    target = media / "documents"
    target.mkdir(parents=True, exist_ok=True)
    root = Collection.get_first_root_node()
    documents = []
    for path, _pages in files:
        shutil.copyfile(path, target / path.name)
        documents.append(PortalDocument(title=path.stem, file=f"documents/{path.name}", collection=root,
                                        file_size=path.stat().st_size))
    return [document.pk for document in PortalDocument.objects.bulk_create(documents)]


def reset(index_backend) -> None:
    """Every document unextracted and the index empty: the state before each run."""
    from ingest.models import DocumentPage, ExtractionStatus, PortalDocument
    from portal.celery import app

    DocumentPage.objects.all().delete()
    PortalDocument.objects.update(
        content_hash="", extractor_version="", page_count=None, extraction_status=ExtractionStatus.PENDING,
        status_reason="", failure_code="", extracted_at=None, started_at=None, finished_at=None,
        extraction_seconds=None, attempts=0, detected_tags={}, language="", pdf_title="", pdf_author="",
    )
    names = list(index_backend.client.indices.get(index=f"{index_backend.alias}-v*", expand_wildcards="all"))
    if names:
        index_backend.client.indices.delete(index=",".join(names))
    index_backend.setup()  # a fresh version behind the alias
    app.control.purge()


def start_worker(concurrency: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork",
               f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip", "--without-mingle",
               "--without-heartbeat", "--hostname", f"bench{concurrency}@%h"]
    handle = log.open("w")
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while "ready." not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_worker(process)
            raise SystemExit(f"The Celery worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return process


def pipeline_run(workers: int, ids: list[int], expected: dict[str, int], env: dict[str, str], work: Path,
                 index_backend, timeout: float) -> Run:
    """Index every document with ``workers`` worker processes; ``expected`` is pages by title."""
    from django.db.models import Sum

    from ingest.models import ExtractionStatus, PortalDocument
    from ingest.tasks import index_document
    from portal.progress import Progress

    reset(index_backend)
    log = work / f"worker-{workers}.log"
    process = start_worker(workers, env, log)
    sampler = MemorySampler(process.pid)
    sampler.start()
    run = Run(workers=workers)
    done_statuses = [ExtractionStatus.INDEXED, ExtractionStatus.FAILED]
    try:
        started = time.perf_counter()
        busy_before, total_before = machine_cpu()
        worker_before = cpu_seconds(family(process.pid))
        services = service_processes()
        services_before = {name: cpu_seconds(family(pid)) for name, pid in services.items()}
        for pk in ids:
            index_document.delay(pk)
        with Progress(sys.stdout, len(ids), unit="docs") as bar:
            while True:
                done = PortalDocument.objects.filter(extraction_status__in=done_statuses).count()
                bar.update(done)
                if done >= len(ids):
                    break
                if time.perf_counter() - started > timeout:
                    raise SystemExit(f"Not finished after {timeout:.0f} s ({done}/{len(ids)}); see {log}")
                if process.poll() is not None:
                    raise SystemExit(f"The worker died; see {log}")
                time.sleep(POLL_SECONDS)
        run.seconds = time.perf_counter() - started
        busy_after, total_after = machine_cpu()
        run.worker_cpu = cpu_seconds(family(process.pid)) - worker_before
        run.service_cpu = {name: cpu_seconds(family(pid)) - services_before[name] for name, pid in services.items()}
        run.other_cpu = (busy_after - busy_before) - run.worker_cpu - sum(run.service_cpu.values())
        run.machine_busy = (busy_after - busy_before) / (total_after - total_before)
        run.service_rss = {name: family_rss(pid) for name, pid in services.items()}
    finally:
        sampler.stop()
        stop_worker(process)
    totals = PortalDocument.objects.aggregate(pages=Sum("page_count"), extraction=Sum("extraction_seconds"))
    run.pages = totals["pages"] or 0
    run.extraction_seconds = totals["extraction"] or 0.0
    run.failed = PortalDocument.objects.filter(extraction_status=ExtractionStatus.FAILED).count()
    run.peak_rss, run.peak_process_rss, run.processes = sampler.peak, sampler.peak_process, sampler.processes
    index_backend.refresh()
    indexed = index_backend.count()
    stats = index_backend.client.indices.stats(index=index_backend.alias, metric="store")
    run.index_bytes = stats["_all"]["primaries"]["store"]["size_in_bytes"]
    expected_pages = sum(expected.values())
    if run.pages != expected_pages or indexed != len(ids) or run.failed:
        kept = Path(tempfile.gettempdir()) / f"portal-bench-worker-{workers}.log"
        shutil.copyfile(log, kept)
        run.notes.append(f"check: {run.pages}/{expected_pages} pages stored, {indexed}/{len(ids)} entries "
                         f"indexed, {run.failed} failed (worker log: {kept})")
        for document in PortalDocument.objects.order_by("pk"):
            if document.page_count != expected.get(document.title):
                run.notes.append(
                    f"  document {document.pk} ({document.title}): status {document.extraction_status}, "
                    f"{document.page_count} of {expected.get(document.title)} pages stored "
                    f"{document.status_reason[:200]}")
    return run


def warm_up(ids: list[int], index_backend, documents: int = 10) -> None:
    """Index a few documents in this process, untimed: the first run must not pay for cold caches."""
    from ingest.indexing import index_document

    reset(index_backend)
    for pk in ids[:documents]:
        index_document(pk)


class _Stopwatch:
    """Wraps functions of the pipeline's modules and adds up the time spent in each (this process only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started
                self.calls[label] = self.calls.get(label, 0) + 1

        setattr(owner, name, timed)
        self._undo.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)


def profile_pipeline(ids: list[int], files: dict[str, Path], index_backend, documents: int = 10) -> str:
    """Where the pipeline's time goes, for a few documents in this process, from the unextracted state."""
    import pypdf
    from modelsearch import index as wagtail_search_index  # what wagtail.search.index re-exports

    from ingest import indexing, pipeline, sandbox
    from ingest.extractors import pdf
    from ingest.models import PortalDocument

    chosen = ids[:documents]
    titles = dict(PortalDocument.objects.filter(pk__in=chosen).values_list("pk", "title"))
    paths = [files[titles[pk]] for pk in chosen]
    out = io.StringIO()

    def line(label: str, seconds: float, note: str = "") -> None:
        out.write(f"  {label:<58}{seconds:8.2f} s {seconds / len(chosen) * 1000:8.0f} ms/doc  {note}\n")

    # The extraction alone, three ways, on the same files (read once before, so none pays for a cold cache).
    for path in paths:
        pdf.extract_pdf(path)
    started = time.perf_counter()
    pages = 0
    for path in paths:
        reader = pypdf.PdfReader(str(path))
        for page in reader.pages:
            page.extract_text()
            pages += 1
    bare = time.perf_counter() - started
    started = time.perf_counter()
    for path in paths:
        pdf.extract_pdf(path)
    in_process = time.perf_counter() - started
    started = time.perf_counter()
    for path in paths:
        sandbox.extract_contained(path)
    contained = time.perf_counter() - started

    # The whole pipeline, with a stopwatch on its steps.
    reset(index_backend)
    watch = _Stopwatch()
    watch.wrap(pipeline, "check_file", "check_file (size, magic bytes, SHA-256)")
    watch.wrap(pipeline, "extract_contained", "extract_contained (sandboxed child)")
    watch.wrap(pipeline, "normalise_text", "normalise_text")
    watch.wrap(pipeline, "store_pages", "store_pages (transaction, all of it)")
    watch.wrap(pipeline, "detect_language", "  detect_language")
    watch.wrap(pipeline, "detect_tags", "  detect_tags")
    watch.wrap(pipeline, "load_vocabulary", "  load_vocabulary")
    watch.wrap(pipeline, "_set_status", "_set_status (every status save)")
    watch.wrap(wagtail_search_index, "insert_or_update_object", "  Wagtail admin search index, on each save")
    watch.wrap(indexing, "holders", "holders (reference index)")
    watch.wrap(indexing, "standalone_entry", "standalone_entry (entry from the database)")
    watch.wrap(type(index_backend), "index", "backend.index (Elasticsearch bulk)")
    watch.wrap(indexing, "mark_indexed", "mark_indexed")
    started = time.perf_counter()
    try:
        for pk in chosen:
            indexing.index_document(pk, refresh=False)  # as on a worker
    finally:
        watch.restore()
    total = time.perf_counter() - started
    reset(index_backend)
    profiler = cProfile.Profile()
    for pk in chosen:
        profiler.runcall(indexing.index_document, pk, refresh=False)

    out.write(f"Where the time goes: {len(chosen)} documents, {pages} pages, in this process:\n")
    line("bare pypdf: PdfReader + extract_text", bare, "(the baseline)")
    line("ingest.extractors.pdf.extract_pdf, in-process", in_process, "(+ image detection per page)")
    line("ingest.sandbox.extract_contained (forked child)", contained, "(+ fork, limits, JSON over a pipe)")
    line("ingest.indexing.index_document, the whole pipeline", total)
    for label, seconds in watch.seconds.items():
        line(label, seconds, f"{watch.calls[label]} call(s)")
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    out.write("\ncProfile of a second run of the same documents (its overhead inflates Python code), "
              "by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(30)
    out.write("\nThe same, by own time (tottime):\n")
    stats.sort_stats("tottime").print_stats(15)
    return out.getvalue()


# --- the report ----------------------------------------------------------------------


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def report(args, corpus_: Corpus, bare: Bare, runs: list[Run], command: str) -> None:
    bare_rate = bare.pages / bare.seconds
    german = sum(1 for path, _ in corpus_.files if path.stem.endswith("-de"))
    print()
    print(f"Corpus: {len(corpus_.files)} PDFs ({german} German, {len(corpus_.files) - german} English), "
          f"{corpus_.pages} pages, {corpus_.megabytes:.1f} MB, {args.min_pages}-{args.max_pages} pages each; "
          f"{corpus_.folder}{' (cached)' if corpus_.cached else ''}")
    import pypdf

    print(f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, pypdf {pypdf.__version__}; "
          f"PostgreSQL, Redis and Elasticsearch from tests/services on the same machine; load average "
          f"before the runs {args.load_before:.1f}")
    print()
    header = (f"{'measurement':<38}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'CPU ms/page':>13}{'x bare':>8}"
              f"   peak worker RSS")
    print(header)
    print("-" * (len(header) + 22))
    print(f"{'(a) bare pypdf, this process':<38}{bare.pages:>7}{bare.seconds:>10.1f}{bare_rate:>10.1f}"
          f"{bare.cpu_per_page * 1000:>13.1f}{1:>8.2f}   -")
    for run in runs:
        label = f"(b) pipeline, {run.workers} worker process{'es' if run.workers > 1 else ''}"
        memory = (f"{megabytes(run.peak_rss)} in {run.processes} processes "
                  f"(largest {megabytes(run.peak_process_rss)})")
        print(f"{label:<38}{run.pages:>7}{run.seconds:>10.1f}{run.rate:>10.1f}{run.cpu_per_page * 1000:>13.1f}"
              f"{run.cpu_per_page / bare.cpu_per_page:>8.2f}   {memory}")
    print()
    for run in runs:
        share = run.extraction_seconds / (run.seconds * run.workers) if run.seconds else 0
        per_page = ", ".join(f"{name} {seconds / max(run.pages, 1) * 1000:.1f}"
                             for name, seconds in {"worker (with fork server and sandbox children)": run.worker_cpu,
                                                   **run.service_cpu}.items())
        services = ", ".join(f"{name} {megabytes(size)}" for name, size in run.service_rss.items())
        print(f"{run.workers} worker process(es): the {os.cpu_count()} CPUs were {run.machine_busy:.0%} busy. "
              f"CPU ms per page: {per_page}; other processes on the machine (this script, anything else "
              f"running) {run.other_cpu / max(run.pages, 1) * 1000:.1f}. Extraction (sandboxed pypdf + "
              f"normalise) took {share:.0%} of the worker processes' wall time. Memory at the end: {services}; "
              f"index {run.index_bytes / max(run.pages, 1) / 1024:.1f} KB per page.")
        for note in run.notes:
            print(f"  {note}")
    one = next((run for run in runs if run.workers == 1), None)
    two = next((run for run in runs if run.workers == 2), None)
    print()
    if one and one.pages:
        ratio = one.cpu_per_page / bare.cpu_per_page
        verdict = "met" if ratio <= AIM_CPU_RATIO else "MISSED"
        print(f"pipeline CPU per page (1 worker, all processes) / bare pypdf's: {ratio:5.2f}x   "
              f"({one.cpu_per_page * 1000:.1f} against {bare.cpu_per_page * 1000:.1f} ms; "
              f"aim <= {AIM_CPU_RATIO}x: {verdict})")
        overhead = bare_rate / one.rate - 1
        print(f"pipeline wall-time overhead over bare pypdf: {overhead:7.1%}   (aim <= {AIM_OVERHEAD:.0%}: "
              f"{'met' if overhead <= AIM_OVERHEAD else 'MISSED'}; wall time on a shared machine: see the load)")
    if one and two and one.rate:
        speedup = two.rate / one.rate
        ceiling, how = speedup_ceiling(one, workers=2)
        verdict = "met" if speedup >= min(AIM_SPEEDUP, ceiling) else "MISSED"
        print(f"speed-up, 2 worker processes vs 1: {speedup:6.2f}x, against a ceiling of {ceiling:.2f}x on this "
              f"machine ({speedup / ceiling:.0%} of it; aim >= {AIM_SPEEDUP}x or the ceiling: {verdict})")
        print(f"  ceiling: {how}")
    print()
    print(f"command: {command}")


def speedup_ceiling(one: Run, workers: int) -> tuple[float, str]:
    """How much faster ``workers`` workers can be than the 1-worker run, given the CPUs the machine has free.

    The 1-worker run kept ``c = pipeline CPU / wall`` CPUs busy (worker and
    services); everything else on the machine kept ``o = other CPU / wall``
    busy.  With N CPUs, at most ``N - o`` are left for the pipeline, so the
    speed-up is at most ``min(workers, (N - o) / c)``.
    """
    cpus = os.cpu_count() or 1
    busy = one.cpu / one.seconds
    other = max(0.0, one.other_cpu / one.seconds)
    ceiling = max(1.0, min(float(workers), (cpus - other) / busy))
    return ceiling, (f"min({workers} workers, ({cpus} CPUs - {other:.2f} busy with other work) / {busy:.2f} CPUs "
                     f"the 1-worker pipeline kept busy) = {ceiling:.2f}")


def measure(args, corpus_: Corpus, workers: list[int], work: Path, env: dict[str, str], backend) -> tuple[Bare, list[Run], list[int]]:
    """Bare pypdf, then the pipeline with each worker count, on ``corpus_``."""
    from ingest.models import DocumentPage, PortalDocument

    print(f"(a) bare pypdf on {corpus_.pages} pages, best of two ...", flush=True)
    bare = min((bare_pypdf(corpus_.files) for _ in range(2)), key=lambda result: result.cpu)
    if PortalDocument.objects.exists():  # the previous size's (--growth): gone without signals or tasks
        DocumentPage.objects.all().delete()
        PortalDocument.objects.all()._raw_delete(PortalDocument.objects.db)
    ids = store_documents(corpus_.files, work / "media")
    warm_up(ids, backend)
    runs = []
    expected = {path.stem: pages for path, pages in corpus_.files}
    for count in workers:
        print(f"(b) pipeline with {count} worker process(es) ...", flush=True)
        runs.append(pipeline_run(count, ids, expected, env, work, backend, args.timeout))
    return bare, runs, ids


def growth(args, work: Path, env: dict[str, str], backend) -> None:
    """Ingestion at each size of ``--growth-pages`` (one worker): how cost per page grows with the corpus."""
    average = (args.min_pages + args.max_pages) / 2
    rows = []
    for size in [int(value) for value in args.growth_pages.split(",") if value.strip()]:
        documents = max(1, round(size / average))
        corpus_ = corpus(documents, args.min_pages, args.max_pages, args.seed, None)
        print(f"Growth: {corpus_.pages} pages in {documents} PDFs ...", flush=True)
        bare, runs, _ids = measure(args, corpus_, [1], work, env, backend)
        run = runs[0]
        rows.append({
            "size": corpus_.pages,
            "pipeline CPU ms/page": run.cpu_per_page * 1000,
            "bare pypdf CPU ms/page": bare.cpu_per_page * 1000,
            "x bare": run.cpu_per_page / bare.cpu_per_page,
            "pages/s (1 worker)": run.rate,
            "index KB/page": run.index_bytes / max(run.pages, 1) / 1024,
            "worker RSS MB": run.peak_rss / 2**20,
            **{f"{name} RSS MB": size_ / 2**20 for name, size_ in run.service_rss.items() if name != "Redis"},
        })
        for note in run.notes:
            print(f"  {note}")
    print()
    print_growth_table(rows, title="Ingestion as the corpus grows (1 worker, all processes' CPU)")
    target = write_growth_plot(rows, args.growth_png, title="Ingestion cost against corpus size")
    print(f"plot: {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200, help="PDFs in the corpus (default 200)")
    parser.add_argument("--min-pages", type=int, default=5, help="fewest pages per PDF (default 5)")
    parser.add_argument("--max-pages", type=int, default=30, help="most pages per PDF (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="of the generated text (default 1)")
    parser.add_argument("--quick", action="store_true", help="a small corpus (12 PDFs of 2-6 pages): does it work?")
    parser.add_argument("--corpus-dir", type=Path, help="where to generate or find the corpus (default: temp folder)")
    parser.add_argument("--workers", default="1,2", help="worker process counts to measure (default 1,2)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for one run (default 1800)")
    parser.add_argument("--profile", action="store_true", help="profile the pipeline even if the aims are met")
    parser.add_argument("--growth", action="store_true",
                        help=f"instead: ingestion at several corpus sizes (--growth-pages, default {GROWTH_PAGES}), "
                             f"one worker, as a table and a PNG plot")
    parser.add_argument("--growth-pages", default=GROWTH_PAGES, help="pages of each corpus of --growth")
    parser.add_argument("--growth-png", type=Path, default=REPO / "var" / "benchmarks" / "ingest-growth.png",
                        help="where --growth writes its plot (default var/benchmarks/ingest-growth.png)")
    args = parser.parse_args(argv)
    if args.quick:
        args.documents, args.min_pages, args.max_pages = 12, 2, 6
    if not 1 <= args.min_pages <= args.max_pages or args.documents < 1:
        parser.error("need --documents >= 1 and 1 <= --min-pages <= --max-pages")
    missing = [name for name in SERVICES if not os.environ.get(name)]
    if missing:
        parser.error(f"{', '.join(missing)} not set: run it on the harness's services, e.g. "
                     f"{HARNESS} .venv/bin/python scripts/benchmark_ingest.py --quick")
    workers = [int(count) for count in args.workers.split(",") if count.strip()]
    command = f"{HARNESS} " + " ".join(shlex.quote(part) for part in [sys.executable, *sys.argv])

    corpus_ = None if args.growth else corpus(args.documents, args.min_pages, args.max_pages, args.seed,
                                               args.corpus_dir)
    args.load_before = os.getloadavg()[0]
    if args.load_before > 0.5 * (os.cpu_count() or 1):
        print(f"Note: the load average is {args.load_before:.1f} on {os.cpu_count()} CPUs: other work competes "
              f"with the benchmark; CPU figures hold, wall-time figures will show it.", flush=True)

    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        env = configure_django(work, index=f"portal-bench-{os.getpid()}")
        from django.core.management import call_command

        from search.backends import get_backend

        print("Migrating the database ...", flush=True)
        call_command("migrate", verbosity=0)
        backend = get_backend()
        if args.growth:
            growth(args, work, env, backend)
            print(f"command: {command}")
        else:
            bare, runs, ids = measure(args, corpus_, workers, work, env, backend)
            report(args, corpus_, bare, runs, command)
            one = next((run for run in runs if run.workers == 1), None)
            ratio = one.cpu_per_page / bare.cpu_per_page if one and one.pages else 0
            if args.profile or ratio > AIM_CPU_RATIO:
                print()
                print(profile_pipeline(ids, {path.stem: path for path, _pages in corpus_.files}, backend))
        for name in backend.client.indices.get(index=f"{backend.alias}-v*", expand_wildcards="all"):
            backend.client.indices.delete(index=name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
