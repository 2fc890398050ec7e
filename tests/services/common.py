"""Plumbing shared by the real-service classes.

Free ports, per-run temporary directories, running as the unprivileged
``portal-svc`` user (PostgreSQL and Elasticsearch refuse to run as root),
readiness polling and a process-group based stop that leaves no orphans.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Self

SERVICE_USER = "portal-svc"
PROVISION_HINT = "run `scripts/provision` first"
LOG_TAIL_LINES = 40
# Log lines worth repeating above the tail (postgres FATAL/PANIC, ES ERROR).
_ERROR_LINE = re.compile(r"\b(FATAL|PANIC|ERROR)\b|fatal exception|Exception:")


class ServiceError(RuntimeError):
    """A service failed to start; the message ends with the tail of its log."""


class NotProvisioned(ServiceError):
    """A binary, the service user or the unpacked distribution is missing."""


class Cancelled(ServiceError):
    """``start()`` gave up because ``cancel()`` was called (another service failed, Ctrl-C)."""


_handed_out: set[int] = set()
_port_lock = threading.Lock()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now.

    Never the same port twice per process: the kernel may offer a just-closed
    port again, and services start concurrently.
    """
    with _port_lock:
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", 0))
                port = int(sock.getsockname()[1])
            if port not in _handed_out:
                _handed_out.add(port)
                return port


def port_open(port: int) -> bool:
    """True if something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def service_account() -> pwd.struct_passwd | None:
    """The account servers run as: ``portal-svc`` when root, else ourselves (None)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise NotProvisioned(f"user {SERVICE_USER!r} does not exist; {PROVISION_HINT}") from None


def as_service_user(cmd: Sequence[str]) -> list[str]:
    """Prefix ``cmd`` so it runs as the service account when we are root."""
    account = service_account()
    if account is None:
        return list(cmd)
    if shutil.which("setpriv"):
        # setpriv execs in place (runuser forks and stays as the parent), so
        # the pid we signal on stop is the server itself.
        return ["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}",
                "--init-groups", "--", *cmd]
    return ["runuser", "-u", SERVICE_USER, "--", *cmd]


def give_to_service_user(path: Path) -> None:
    """chown ``path`` (recursively) to the service account; no-op when not root."""
    account = service_account()
    if account is None:
        return
    for root, dirs, files in os.walk(path):
        os.chown(root, account.pw_uid, account.pw_gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), account.pw_uid, account.pw_gid, follow_symlinks=False)


def tail(path: Path | None, lines: int = LOG_TAIL_LINES) -> str:
    """Last ``lines`` lines of a log file ('' if it does not exist)."""
    if path is None or not path.exists():
        return ""
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:])


def clean_env(drop_prefixes: Sequence[str] = ()) -> dict[str, str]:
    """A copy of our environment without variables that would steer a service."""
    return {k: v for k, v in os.environ.items() if not k.startswith(tuple(drop_prefixes))}


class Service:
    """Base class: one server process with its data in a fresh temp dir.

    Subclasses set ``name`` and implement ``_start`` (spawn + wait) and ``url``.
    """

    name = "service"
    stop_signal = signal.SIGTERM
    stop_timeout = 20.0

    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.port: int | None = None
        self.tmpdir: Path | None = None
        self.version = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._cancel = threading.Event()

    # -- public API --------------------------------------------------------
    @property
    def url(self) -> str:
        """Address clients use (scheme://127.0.0.1:PORT/...)."""
        raise NotImplementedError

    @property
    def log_path(self) -> Path | None:
        """File the server's stdout/stderr (and our helper commands) go to."""
        return self.tmpdir / "service.log" if self.tmpdir else None

    def start(self) -> None:
        """Start the server and block until it answers; on failure clean up and raise."""
        self._cancel.clear()
        try:
            self.tmpdir = Path(tempfile.mkdtemp(prefix=f"portal-{self.name}-", dir="/tmp"))
            give_to_service_user(self.tmpdir)
            self._log = open(self.log_path, "ab")  # type: ignore[arg-type]
            self._start()
        except BaseException as exc:
            log_tail = tail(self.log_path)
            self.stop()
            if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit
                raise
            cls = type(exc) if isinstance(exc, ServiceError) else ServiceError
            message = f"{self.name} failed to start: {exc}"
            first_error = next((line for line in log_tail.splitlines()
                                if _ERROR_LINE.search(line)), "")
            if first_error:
                message += f"\n  first error: {first_error.strip()[:500]}"
            if log_tail:
                message += f"\n--- last lines of the {self.name} log ---\n{log_tail}\n---"
            raise cls(message) from exc

    def cancel(self) -> None:
        """Ask a ``start()`` running in another thread to give up soon."""
        self._cancel.set()

    def stop(self) -> None:
        """Stop gracefully, kill after ``stop_timeout``, remove the temp dir. Idempotent."""
        proc, self.proc = self.proc, None
        if proc is not None:
            _stop_group(proc, self.stop_signal, self.stop_timeout)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- helpers for subclasses -------------------------------------------
    def _start(self) -> None:
        raise NotImplementedError

    def _check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("cancelled")

    def _spawn(self, cmd: Sequence[str], env: Mapping[str, str]) -> None:
        """Start the long-running server as the service user, output to the log."""
        self._check_cancelled()
        assert self.tmpdir is not None
        self._note(f"$ {' '.join(cmd)}")
        # A session of its own: the terminal's Ctrl-C reaches only us and the
        # test command, not the servers (we stop them ourselves, afterwards),
        # and stop() can signal the server's whole process group.
        self.proc = subprocess.Popen(
            as_service_user(cmd), stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, cwd=self.tmpdir, env=dict(env), start_new_session=True)

    def _run(self, cmd: Sequence[str], env: Mapping[str, str] | None = None,
             as_service: bool = False, timeout: float = 60.0) -> None:
        """Run a short helper command (initdb, psql), output to the log; raise on failure."""
        self._check_cancelled()
        self._note(f"$ {' '.join(cmd)}")
        full = as_service_user(cmd) if as_service else list(cmd)
        result = subprocess.run(full, stdin=subprocess.DEVNULL, stdout=self._log,
                                stderr=subprocess.STDOUT, cwd=self.tmpdir, env=env,
                                timeout=timeout, check=False)
        if result.returncode != 0:
            raise ServiceError(f"`{Path(cmd[0]).name}` exited with code {result.returncode}")

    def _wait_until(self, ready: Callable[[], bool], what: str) -> None:
        """Poll ``ready`` until true; fail early if the server exits or we are cancelled."""
        deadline = time.monotonic() + self.timeout
        while True:
            self._check_cancelled()
            if self.proc is not None and self.proc.poll() is not None:
                raise ServiceError(f"server exited with code {self.proc.returncode} "
                                   f"while waiting for {what}")
            if ready():
                return
            if time.monotonic() > deadline:
                raise ServiceError(f"not ready after {self.timeout:.0f} s (waiting for {what})")
            time.sleep(0.25)

    def _note(self, line: str) -> None:
        if self._log is not None:
            self._log.write(f"[harness] {line}\n".encode())
            self._log.flush()


def _stop_group(proc: subprocess.Popen[bytes], sig: signal.Signals, timeout: float) -> None:
    """Signal the process group, wait for all of it, then SIGKILL whatever is left.

    The group matters: Elasticsearch's launcher JVM exits at once on SIGTERM
    while the server JVM it forked is still shutting down, and postgres forks
    backends; waiting for the leader alone would kill those mid-shutdown or
    leave them orphaned.
    """
    pgid = proc.pid  # start_new_session=True made it the group leader
    deadline = time.monotonic() + timeout
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    while _group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _group_alive(pgid) or proc.poll() is None:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()
    # Killed members may take a moment to disappear (and release their ports).
    kill_deadline = time.monotonic() + 5.0
    while _group_alive(pgid) and time.monotonic() < kill_deadline:
        time.sleep(0.05)


def _group_alive(pgid: int) -> bool:
    """True if a live (non-zombie) process is in group ``pgid``.

    Scans /proc rather than ``killpg(pgid, 0)``: members orphaned by the
    leader's exit linger as zombies until PID 1 reaps them, and a container's
    PID 1 may never do so.
    """
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # exited while we looked
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            return True
    return False
