"""Extraction inside limits that a hostile file cannot escape.

``extract_contained(path)`` is what the pipeline calls.  It runs the
extractors (pypdf, then OCR for pages that are pictures) in a child forked,
one per document, from the worker's warm fork server (:mod:`ingest.forkserver`:
a small interpreter that has imported pypdf, so a fork costs a few
milliseconds and copies no Django heap), with limits set in the child:

- address space (``RLIMIT_AS``): ``PORTAL_EXTRACTION_MEMORY_MB`` on top of
  what the worker has already mapped when it forks;
- processor time (``RLIMIT_CPU``): ``PORTAL_EXTRACTION_CPU_SECONDS``;
- wall-clock time, enforced by the parent: ``PORTAL_EXTRACTION_TIMEOUT_SECONDS``,
  after which the child and everything it started (pdftoppm, tesseract)
  are killed.

The child sends its result back as JSON through a pipe and leaves with
``os._exit``: it never runs the worker's exit handlers and never touches
its database connection.  Every way a child can end badly becomes an
:class:`ExtractionError` with a code and a sentence for the editor:
``timeout``, ``memory``, ``crashed`` (with the signal), ``corrupt`` (a
structure nested too deeply) or ``too_much_text``.

:func:`run_contained` is the generic mechanism, usable with any function
whose result is JSON: a module-level function goes to the fork server; one
that cannot be named there (a closure, a lambda) is run in a child forked
from the caller itself, as before, under the same limits.
``PORTAL_EXTRACTION_CONTAINED=0`` runs extraction in-process instead, for
debugging only; ``PORTAL_EXTRACTION_WARM=False`` forks from the worker.
"""

from __future__ import annotations

import ctypes
import dataclasses
import faulthandler
import functools
import json
import logging
import os
import pickle
import resource
import select
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from ingest import forkserver
from ingest.extractors import ExtractedText, ExtractionError
from ingest.extractors.ocr import add_ocr
from ingest.extractors.pdf import extract_pdf

logger = logging.getLogger(__name__)

#: the most output a child may send back; more is refused as ``too_much_text``
MAX_OUTPUT_BYTES = 200 * 1024 * 1024

#: exit status of a child that ran out of memory and could not even report it
_EXIT_MEMORY = 3
_PR_SET_PDEATHSIG = 1
_MB = 1024 * 1024


def extract_contained(path: Path) -> ExtractedText:
    """Extract the text of the PDF at ``path`` within the configured limits."""
    timeout = settings.PORTAL_EXTRACTION_TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="portal-extract-") as workdir:
        # OCR must stop in time for the child to report what it has.
        deadline = time.monotonic() + timeout - min(10.0, timeout * 0.1)
        # The extractors travel by name, looked up now: the child runs what this process would.
        arguments = (str(path), workdir, settings.PORTAL_OCR_MAX_PAGES, deadline, extract_pdf, add_ocr)
        if not settings.PORTAL_EXTRACTION_CONTAINED:
            logger.warning("PORTAL_EXTRACTION_CONTAINED is off: extracting %s inside the worker, without limits", path)
            try:
                return _from_json(_call_guarded(_extract, arguments))
            except MemoryError:
                raise _out_of_memory(settings.PORTAL_EXTRACTION_MEMORY_MB * _MB) from None
        result = run_contained(
            _extract,
            *arguments,
            timeout=timeout,
            memory_bytes=settings.PORTAL_EXTRACTION_MEMORY_MB * _MB,
            cpu_seconds=settings.PORTAL_EXTRACTION_CPU_SECONDS,
            warm=getattr(settings, "PORTAL_EXTRACTION_WARM", True),
        )
    return _from_json(result)


def _extract(path: str, workdir: str, ocr_max_pages: int, deadline: float, pdf: Callable = extract_pdf,
             ocr: Callable = add_ocr) -> dict[str, Any]:
    """What the child runs: text with pypdf, then OCR of the pages that are pictures."""
    extracted = pdf(Path(path))
    extracted = ocr(extracted, Path(path), workdir=Path(workdir), max_pages=ocr_max_pages, deadline=deadline)
    return dataclasses.asdict(extracted)


def _from_json(data: Any) -> ExtractedText:
    """The child's answer as ExtractedText, checked: the parent trusts no shape it did not expect."""
    try:
        return ExtractedText(
            pages=tuple(_strings(data["pages"])),
            title=str(data["title"]),
            author=str(data["author"]),
            extractor=str(data["extractor"]),
            ocr_pages=tuple(int(number) for number in data["ocr_pages"]),
            image_pages=tuple(int(number) for number in data["image_pages"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ExtractionError("crashed", "The extractor sent an answer the portal does not understand.") from exc


def _strings(values: Any) -> list[str]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(value, str) for value in values):
        raise TypeError("pages must be a list of strings")
    return values


# --- the generic mechanism ---------------------------------------------------


def run_contained(
    function: Callable[..., Any],
    *args: Any,
    timeout: float,
    memory_bytes: int,
    cpu_seconds: int,
    max_output_bytes: int = MAX_OUTPUT_BYTES,
    warm: bool = True,
) -> Any:
    """Return ``function(*args)``, run in a forked child within limits.

    The result must be JSON-serialisable.  An :class:`ExtractionError`
    raised by ``function`` arrives with its code and message; every other
    bad end -- too slow, too big, killed, crashed -- raises an
    :class:`ExtractionError` that says which.  The parent is never harmed.
    With ``warm`` (the default) the child is forked from this process's fork
    server if ``function`` and ``args`` can be pickled by reference; else
    from this process.
    """
    limits = dict(timeout=timeout, memory_bytes=memory_bytes, cpu_seconds=cpu_seconds,
                  max_output_bytes=max_output_bytes)
    blob = _by_reference(function, args) if warm else None
    if blob is None:
        outcome, output, status, cpu_used = _run_forked(function, args, **limits)
    else:
        # The modules of the functions sent, for the server to import once rather than every child.
        modules = list(dict.fromkeys(getattr(f, "__module__", None) for f in (function, *args) if callable(f)))
        try:
            outcome, output, status, cpu_used = _run_warm(blob, [m for m in modules if m], **limits)
        except forkserver.Cold:  # e.g. a function from a module that needs Django's apps
            outcome, output, status, cpu_used = _run_forked(function, args, **limits)
    return _interpret(outcome, output, status, cpu_used, timeout, memory_bytes, cpu_seconds, max_output_bytes)


def _by_reference(function: Callable[..., Any], args: tuple[Any, ...]) -> bytes | None:
    """``(function, args)`` pickled, if the fork server can find ``function`` by its module and name."""
    try:
        return pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        return None


def _run_warm(
    blob: bytes, modules: list[str], *, timeout: float, memory_bytes: int, cpu_seconds: int, max_output_bytes: int
) -> tuple[str, bytes, int | None, float]:
    """Have the fork server run the request in a child; read its answer; learn how it ended."""
    deadline = time.monotonic() + timeout
    header = {"memory_bytes": memory_bytes, "cpu_seconds": cpu_seconds, "max_output_bytes": max_output_bytes,
              "ceilings": _hard_limits(), "modules": modules}
    read_end, write_end = os.pipe()
    pid = None
    try:
        try:
            for attempt in (1, 2):
                try:
                    pid = forkserver.server().start(header, blob, write_end, timeout=max(timeout, 10.0))
                    break
                except forkserver.ServerGone as exc:
                    forkserver.discard()
                    if attempt == 2:
                        raise OSError(f"The extraction sandbox could not be started: {exc}") from exc
        finally:
            os.close(write_end)
        outcome, output = _read_output(read_end, deadline, max_output_bytes)
        server = forkserver.server()
        if outcome == "exited":  # it closed its pipe, so it is exiting: give it until the deadline
            try:
                status, cpu_used = server.wait_exit(deadline)
            except forkserver.ServerGone:
                outcome = "timeout"
        if outcome != "exited":
            _kill_group(pid)
            try:  # killed, the child is reaped at once
                status, cpu_used = server.wait_exit(time.monotonic() + 10)
            except forkserver.ServerGone:
                status, cpu_used = None, 0.0
                forkserver.discard()
    except forkserver.Cold:
        raise
    except BaseException:
        # Interrupted (the worker shutting down, a time limit) or the server
        # misbehaved: leave no child behind, and no conversation half-held.
        if pid is not None:
            _kill_group(pid)
        forkserver.discard()
        raise
    finally:
        os.close(read_end)
    _kill_group(pid)  # anything the child started and left running
    return outcome, output, status, cpu_used


def _hard_limits() -> dict[str, int]:
    """This process's hard limits, which the child must never exceed (the server may have been started earlier)."""
    return {name: resource.getrlimit(getattr(resource, name))[1] for name in ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_CORE")}


def _run_forked(
    function: Callable[..., Any], args: tuple[Any, ...], *, timeout: float, memory_bytes: int, cpu_seconds: int,
    max_output_bytes: int,
) -> tuple[str, bytes, int | None, float]:
    """Fork this very process and run ``function`` in the child (for what the fork server cannot name)."""
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(parent, write_end, function, args, memory_bytes, cpu_seconds, max_output_bytes)
    os.close(write_end)
    try:
        os.setpgid(pid, pid)  # also done by the child; whichever runs first wins the race
    except OSError:
        pass  # the child has already set it, or already exited
    reaped = False
    try:
        deadline = time.monotonic() + timeout
        outcome, output = _read_output(read_end, deadline, max_output_bytes)
        if outcome == "exited":
            outcome, status, usage = _wait_for_exit(pid, deadline)
        if outcome != "exited":
            _kill_group(pid)
            _done, status, usage = _reap(pid, 0)
        reaped = True
    finally:
        os.close(read_end)
        if not reaped:  # interrupted (e.g. the worker is shutting down): leave nothing behind
            _kill_group(pid)
            _reap(pid, 0)
        _kill_group(pid)  # anything the child started and left running
    return outcome, output, status, (usage.ru_utime + usage.ru_stime) if usage else 0.0


def _read_output(read_end: int, deadline: float, max_output_bytes: int) -> tuple[str, bytes]:
    """The child's output until it closes the pipe (``exited``), ``timeout`` or ``too_much_text``."""
    output = bytearray()
    poller = select.poll()
    poller.register(read_end, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout", bytes(output)
        if poller.poll(min(remaining, 1.0) * 1000):
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                return "exited", bytes(output)  # the child closed its end: it is exiting
            output += chunk
            if len(output) > max_output_bytes:
                return "too_much_text", bytes(output)


def _wait_for_exit(pid: int, deadline: float) -> tuple[str, int | None, resource.struct_rusage | None]:
    """Reap a child that has closed its pipe (so it is exiting); ``timeout`` if it is still there at ``deadline``."""
    pause = 0.001
    while True:
        done, status, usage = _reap(pid, os.WNOHANG)
        if done:
            return "exited", status, usage
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout", None, None
        time.sleep(min(pause, remaining))
        pause = min(pause * 2, 0.05)


def _reap(pid: int, options: int) -> tuple[int, int | None, resource.struct_rusage | None]:
    """``os.wait4``, also when someone else reaped the child (a SIGCHLD handler, SIGCHLD ignored)."""
    try:
        return os.wait4(pid, options)
    except ChildProcessError:
        return pid, None, None  # gone; its exit status is lost, its output speaks for it


def _kill_group(pid: int) -> None:
    """SIGKILL the child's process group: the child and the tools it runs."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _interpret(
    outcome: str,
    output: bytes,
    status: int | None,
    cpu_used: float,
    timeout: float,
    memory_bytes: int,
    cpu_seconds: int,
    max_output_bytes: int,
) -> Any:
    if outcome == "timeout":
        raise ExtractionError(
            "timeout",
            f"Extraction took longer than {timeout:g} seconds and was stopped "
            "(limit PORTAL_EXTRACTION_TIMEOUT_SECONDS). The PDF may be very long, a scan of many pages, "
            "or malformed; split it into smaller files or export it again, then upload it again.",
        )
    if outcome == "too_much_text":
        raise _too_much_text(max_output_bytes)
    if status is not None and os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGXCPU or (number == signal.SIGKILL and cpu_used >= cpu_seconds):
            raise ExtractionError(
                "timeout",
                f"Extraction used more than {cpu_seconds} seconds of processor time and was stopped "
                "(limit PORTAL_EXTRACTION_CPU_SECONDS). The PDF may be very long or malformed; "
                "split it into smaller files or export it again, then upload it again.",
            )
        if number == signal.SIGKILL:
            raise ExtractionError(
                "memory",
                "Extraction was killed by the operating system (SIGKILL), most likely because the server "
                "ran out of memory. Export the PDF again (e.g. with 'reduce file size') and upload it again.",
            )
        raise ExtractionError(
            "crashed",
            f"The extractor crashed on this file ({_signal_name(number)}). The PDF is probably damaged "
            "or malformed: export it again and upload it again. If it keeps failing, "
            "send it to the portal administrators.",
        )
    code = os.WEXITSTATUS(status) if status is not None else "unknown"
    if code == _EXIT_MEMORY:
        raise _out_of_memory(memory_bytes)
    try:
        message = json.loads(output)
    except ValueError:
        message = None
    if not isinstance(message, dict) or not message:
        raise ExtractionError(
            "crashed",
            f"The extractor ended without a result (exit status {code}). The PDF is probably damaged "
            "or malformed: export it again and upload it again. If it keeps failing, "
            "send it to the portal administrators.",
        )
    if "result" in message:
        return message["result"]
    if "error" in message:
        error_code, error_message = message["error"]
        raise ExtractionError(str(error_code), str(error_message))
    if message.get("limit") == "memory":
        raise _out_of_memory(memory_bytes)
    if message.get("limit") == "output":
        raise _too_much_text(max_output_bytes)
    raise ExtractionError("crashed", "The extractor sent an answer the portal does not understand.")


def _out_of_memory(memory_bytes: int) -> ExtractionError:
    return ExtractionError(
        "memory",
        f"Extraction needed more than {memory_bytes / _MB:g} MB of memory and was stopped "
        "(limit PORTAL_EXTRACTION_MEMORY_MB). The PDF may hold a huge image or a compressed part "
        "that expands enormously; export it again (e.g. with 'reduce file size') and upload it again.",
    )


def _too_much_text(max_output_bytes: int) -> ExtractionError:
    return ExtractionError(
        "too_much_text",
        f"The PDF yields more than {max_output_bytes / _MB:g} MB of text, more than the portal stores "
        "for one file. Split it into smaller files and upload those.",
    )


def _signal_name(number: int) -> str:
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
    description = signal.strsignal(number) or ""
    return f"signal {name}: {description.lower()}" if description else f"signal {name}"


# --- inside the child --------------------------------------------------------


def child_main(parent: int, write_end: int, header: dict[str, Any], blob: bytes) -> None:
    """A child of the fork server: load the request, then run it as :func:`_child` does; never returns."""
    try:
        os.setpgid(0, 0)
        function, args = pickle.loads(blob)  # from the worker: trusted
    except BaseException as exc:  # a bug on our side, not the file's: say so, in the editor's terms
        function, args = _cannot_start, (f"{type(exc).__name__}: {exc}",)
    _child(parent, write_end, function, args, int(header["memory_bytes"]), int(header["cpu_seconds"]),
           int(header["max_output_bytes"]), header.get("ceilings"))


def _cannot_start(reason: str) -> None:
    logger.error("The extraction sandbox could not load its request: %s", reason)
    raise ExtractionError(
        "crashed",
        "The extraction could not be started on the server. Try again later; if it keeps failing, "
        "tell the portal administrators.",
    )


def _child(
    parent: int,
    write_end: int,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    memory_bytes: int,
    cpu_seconds: int,
    max_output_bytes: int,
    ceilings: dict[str, int] | None = None,
) -> None:
    """Run ``function`` under limits, send the result, and leave without cleanup."""
    exit_status = 0
    try:
        _confine(parent, memory_bytes, cpu_seconds, ceilings or {})
        try:
            message = {"result": _call_guarded(function, args)}
        except ExtractionError as exc:
            message = {"error": [exc.code, exc.message]}
        payload = json.dumps(message).encode()
        if len(payload) > max_output_bytes:
            payload = b'{"limit": "output"}'
        del message
        _write_all(write_end, payload)
    except MemoryError:
        exit_status = _EXIT_MEMORY
        try:
            _write_all(write_end, b'{"limit": "memory"}')
        except BaseException:
            pass
    except BaseException:  # anything else is reported by the parent as "crashed"
        exit_status = 1
        try:
            logger.exception("Contained extraction failed")
        except BaseException:
            pass
    finally:
        # No atexit handlers, no flushing of the parent's buffers, no closing
        # of its database connection: just go.
        os._exit(exit_status)


def _call_guarded(function: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """Call ``function``, turning a too-deep structure into ``corrupt`` and a crash into ``crashed``."""
    try:
        return function(*args)
    except (ExtractionError, MemoryError):
        raise
    except RecursionError as exc:
        raise ExtractionError(
            "corrupt",
            "The PDF is built from objects nested too deeply to be read; it is damaged or deliberately "
            "malformed. Export it again (e.g. print it to a new PDF) and upload it again.",
        ) from exc
    except Exception as exc:
        logger.exception("Extraction failed unexpectedly")
        raise ExtractionError(
            "crashed",
            f"The extractor failed unexpectedly on this file ({type(exc).__name__}). The PDF may be damaged: "
            "export it again and upload it again. If it keeps failing, send it to the portal administrators.",
        ) from exc


def _confine(parent: int, memory_bytes: int, cpu_seconds: int, ceilings: dict[str, int]) -> None:
    """Set the child's limits; called first thing after the fork."""
    os.setpgid(0, 0)  # one group with everything it starts, so the parent can kill them all
    try:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGXCPU, signal.SIGPIPE, signal.SIGCHLD):
            signal.signal(number, signal.SIG_DFL)  # not the worker's handlers
    except ValueError:  # only possible if Python did not make this thread the main one
        pass
    die_with_parent(parent)
    # A crash is reported by the parent with its signal; a dump of the
    # worker's stack (faulthandler, if enabled) would only fill the log.
    faulthandler.disable()
    # Address space on top of what the fork inherited (the worker's own code and heap).
    limit = _mapped_bytes() + memory_bytes
    _lower_limit(resource.RLIMIT_AS, limit, limit, ceilings.get("RLIMIT_AS"))
    # SIGXCPU at the soft limit, SIGKILL two seconds later if it is ignored.
    _lower_limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 2, ceilings.get("RLIMIT_CPU"))
    _lower_limit(resource.RLIMIT_CORE, 0, 0)  # a crash must not write a core file


def _lower_limit(kind: int, soft: int, hard: int, ceiling: int | None = None) -> None:
    """Set a limit, never above one the worker already runs under (raising it is not allowed).

    ``ceiling`` is the worker's hard limit when the child is forked from the
    fork server, which may have been started before the worker lowered it.
    """
    for current_hard in (resource.getrlimit(kind)[1], ceiling):
        if current_hard is not None and current_hard != resource.RLIM_INFINITY:
            hard = min(hard, current_hard)
    resource.setrlimit(kind, (min(soft, hard), hard))


@functools.cache
def _prctl() -> Callable[..., int] | None:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process if ``parent`` dies first (prctl PR_SET_PDEATHSIG)."""
    prctl = _prctl()
    if prctl is None:
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _mapped_bytes() -> int:
    """The virtual size of this process (first field of /proc/self/statm, in pages)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
