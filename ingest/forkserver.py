"""A warm, small process that forks the extraction sandbox's children.

Forking the worker itself for every document (what :mod:`ingest.sandbox`
did first) copies the page tables of a process that holds Django, Wagtail
and every app -- about 140 MB -- and the child then pays a copy-on-write
fault for every page of that heap it touches.  Measured on the 2-core
benchmark machine that was 10-20 ms of CPU per document, as much as
extracting a four-page PDF.

Instead each worker process starts, on its first extraction, one *fork
server*: a fresh interpreter (``python -m ingest.forkserver``) that imports
pypdf and the extractors and nothing else (about 40 MB), freezes its heap
for the garbage collector, and then forks one child per request.  The
child runs exactly what :func:`ingest.sandbox.run_contained` ran before,
with the same limits, set the same way (:func:`ingest.sandbox.child_main`);
one file still never meets another in the same process.

What the child receives and returns
    The worker sends the function and its arguments pickled *by reference*
    (module and name, like ``multiprocessing``'s forkserver) together with
    the write end of a fresh pipe (``SCM_RIGHTS`` over a Unix socket).  The
    server imports the modules named once; one it cannot import without
    Django's app registry (the tests' stand-in extractors) makes it answer
    "cold", and the worker forks itself for that call, as before.  The
    child answers with JSON through the pipe, straight to the worker: the
    worker never unpickles anything a hostile file could have shaped.

Isolation kept
    * memory (``RLIMIT_AS``), processor time (``RLIMIT_CPU``) and no core
      files, set in the child after the fork, never above the hard limits
      the worker itself runs under (sent with each request);
    * the wall-clock limit, enforced by the worker: the server tells it the
      child's pid, which leads its own process group, and the worker kills
      that group (the child and the tools it started) when time is up;
    * the exit status and the processor time of the child, reported by the
      server, which reaps it, so that every bad end has its reason;
    * lifetime: the server dies with its worker (``PR_SET_PDEATHSIG``, and
      end of file on its socket), and every child dies with the server.
    * a fresh interpreter holds no database connection, no broker socket
      and no secrets of the worker's memory: the child forked from it has
      none of them either, which the fork of the worker could not promise.

The server is a child of the worker process, so the worker's accounting
(and any benchmark summing a process tree) includes it and its children.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import select
import signal
import socket
import struct
import subprocess
import sys
import time
from typing import Any

_LENGTH = struct.Struct("!Q")
_MAX_REPLY = 1 << 16


class ServerGone(Exception):
    """The fork server is not there (it was killed, or never started): start another."""


class Cold(Exception):
    """The fork server cannot import what the request needs (a module that needs Django's apps)."""


# --- the worker's side ---------------------------------------------------------------


class ForkServer:
    """The worker's handle on its fork server: one request at a time."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        path = [entry or os.getcwd() for entry in sys.path]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(path))}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ingest.forkserver", str(theirs.fileno()), str(os.getpid())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.owner = os.getpid()
        self.socket = ours
        self.cold: set[str] = set()  # modules the server said it cannot import
        self._buffer = b""

    def start(self, header: dict[str, Any], blob: bytes, write_end: int, timeout: float) -> int:
        """Have the server fork a child for ``blob``, handing it ``write_end``; return the child's pid.

        Raises :class:`Cold` if the server cannot import a module the request names.
        """
        if self.cold.intersection(header.get("modules", [])):
            raise Cold(", ".join(sorted(self.cold)))
        body = json.dumps(header).encode() + b"\n" + blob
        try:
            socket.send_fds(self.socket, [_LENGTH.pack(len(body))], [write_end])
            self.socket.sendall(body)
        except OSError as exc:
            raise ServerGone(f"the extraction server is gone ({exc})") from exc
        reply = self._reply(time.monotonic() + timeout)
        if "cold" in reply:
            self.cold.update(reply["cold"])
            raise Cold(", ".join(reply["cold"]))
        return int(reply["pid"])

    def wait_exit(self, deadline: float) -> tuple[int | None, float]:
        """The child's exit status and processor seconds, once the server has reaped it (by ``deadline``)."""
        reply = self._reply(deadline)
        return reply.get("status"), float(reply.get("cpu", 0.0))

    def _reply(self, deadline: float) -> dict[str, Any]:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.socket], [], [], remaining)[0]:
                raise ServerGone("the extraction server did not answer in time")
            try:
                chunk = self.socket.recv(4096)
            except OSError as exc:
                raise ServerGone(f"the extraction server is gone ({exc})") from exc
            if not chunk or len(self._buffer) > _MAX_REPLY:
                raise ServerGone("the extraction server is gone")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def close(self) -> None:
        """Stop the server (and with it any child it still has) and reap it."""
        self.socket.close()
        if self.owner != os.getpid():
            return  # a copy inherited through fork: the server is not ours to stop
        try:
            self.process.kill()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass


_server: ForkServer | None = None


def server() -> ForkServer:
    """This process's fork server, started on first use."""
    global _server
    if _server is None or _server.owner != os.getpid() or _server.process.poll() is not None:
        discard()
        _server = ForkServer()
    return _server


def discard() -> None:
    """Forget (and stop) this process's fork server: the next request starts a new one."""
    global _server
    if _server is not None:
        _server.close()
    _server = None


def _forget_after_fork() -> None:
    # A child forked from a process with a server (a Celery pool process, a
    # sandbox child of the old kind) must not share its socket: drop the copy.
    global _server
    if _server is not None:
        try:
            _server.socket.close()
        except OSError:
            pass
    _server = None


os.register_at_fork(after_in_child=_forget_after_fork)


def pid() -> int | None:
    """The pid of this process's fork server, if one runs (tests count the worker's children)."""
    return _server.process.pid if _server is not None and _server.owner == os.getpid() else None


# --- the server --------------------------------------------------------------------------


def serve(connection: socket.socket, parent: int) -> None:
    """Fork a child per request until the worker closes the socket."""
    from ingest import sandbox

    sandbox.die_with_parent(parent)
    while True:
        request = _receive(connection)
        if request is None:
            return
        header, blob, write_end = request
        cold = _warm_up(header.get("modules", []))
        if cold:
            os.close(write_end)
            _send(connection, {"cold": cold})
            continue
        child = os.fork()
        if child == 0:  # never returns
            connection.close()
            sandbox.child_main(os.getppid(), write_end, header, blob)
        os.close(write_end)
        try:
            os.setpgid(child, child)  # also done by the child; whichever runs first wins the race
        except OSError:
            pass
        _send(connection, {"pid": child})
        _pid, status, usage = os.wait4(child, 0)
        _send(connection, {"status": status, "cpu": usage.ru_utime + usage.ru_stime})


def _warm_up(modules: list[str]) -> list[str]:
    """Import the modules a request names, once, here; return those this server cannot import.

    The extractors are imported at start; this is for the other callers of
    :func:`ingest.sandbox.run_contained` (the tests' stand-in functions).  A
    module that needs Django's app registry is not imported: the server
    stays small, and the worker runs such a function in a child forked from
    itself instead, under the same limits.
    """
    missing = [name for name in modules if name not in sys.modules]
    if not missing:
        return []
    import importlib

    cold = []
    for name in missing:
        try:
            importlib.import_module(name)
        except Exception:  # AppRegistryNotReady above all
            cold.append(name)
    gc.collect()
    gc.freeze()
    return cold


def _receive(connection: socket.socket) -> tuple[dict[str, Any], bytes, int] | None:
    try:
        prefix, fds, _flags, _address = socket.recv_fds(connection, _LENGTH.size, 1)
    except OSError:
        return None
    if not prefix:
        return None
    prefix += _read_exactly(connection, _LENGTH.size - len(prefix))
    body = _read_exactly(connection, _LENGTH.unpack(prefix)[0])
    if len(fds) != 1:
        raise RuntimeError("a request came without its pipe")
    line, blob = body.split(b"\n", 1)
    return json.loads(line), blob, fds[0]


def _read_exactly(connection: socket.socket, size: int) -> bytes:
    parts, remaining = [], size
    while remaining:
        chunk = connection.recv(min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("the worker closed the socket mid-request")
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    connection.sendall(json.dumps(message).encode() + b"\n")


def warm_up_pdf() -> bytes:
    """A one-page PDF with a line of German in a core font, written by hand."""
    text = "Rückgewinnung von Indium aus LCD-Altglas: Laugung, Solventextraktion und Elektrolyse."
    content = b"BT /F1 11 Tf 72 720 Td (" + text.encode("cp1252") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title (Warm-up) /Author (ingest.forkserver) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


def _warm_caches() -> None:
    """Extract a small PDF once, here, so that what pypdf builds on first use is inherited by every child."""
    import tempfile
    from pathlib import Path

    from ingest.extractors.pdf import extract_pdf

    with tempfile.TemporaryDirectory(prefix="portal-forkserver-") as folder:
        path = Path(folder) / "warm-up.pdf"
        path.write_bytes(warm_up_pdf())
        try:
            extract_pdf(path)
        except Exception:  # a cold start is slower, not wrong
            pass


def main(argv: list[str]) -> int:
    descriptor, parent = int(argv[0]), int(argv[1])
    # Dispositions of ignored signals survive exec: a worker that ignores
    # SIGCHLD would otherwise have the kernel reap our children, exit status and all.
    for number in (signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the worker's to handle; we die with it
    connection = socket.socket(fileno=descriptor)
    from ingest import sandbox  # noqa: F401 -- warm: pypdf and the extractors, imported once
    from ingest.extractors import ocr, pdf  # noqa: F401

    _warm_caches()
    gc.collect()
    gc.freeze()  # the children's collections never walk (and so never copy) the server's heap
    try:
        serve(connection, parent)
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
