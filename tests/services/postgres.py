"""A throwaway PostgreSQL server: fresh cluster per run, TCP on 127.0.0.1."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

from .common import PROVISION_HINT, NotProvisioned, Service, clean_env, free_port

ROLE = "portal"
PASSWORD = "portal"
DATABASE = "portal"


def find_bindir() -> Path:
    """Directory holding initdb/postgres: $PORTAL_PG_BINDIR, pg_config, or the newest Debian one."""
    candidates: list[Path] = []
    if os.environ.get("PORTAL_PG_BINDIR"):
        candidates.append(Path(os.environ["PORTAL_PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        # pg_config may come from a libpq-dev of another major version than
        # the server, so its bindir is only a candidate, checked below.
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if out.returncode == 0:
            candidates.append(Path(out.stdout.strip()))
    debian = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()]
    candidates += sorted(debian, key=lambda p: int(p.parent.name), reverse=True)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "postgres").is_file():
            return bindir
    raise NotProvisioned(f"PostgreSQL server binaries (initdb, postgres) not found; {PROVISION_HINT}")


def _locale() -> str:
    """C.UTF-8 when the system has it (sane upper/lower for non-ASCII), else C."""
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    names = {n.lower().replace("-", "") for n in out.stdout.split()}
    return "C.UTF-8" if "c.utf8" in names else "C"


class Postgres(Service):
    """PostgreSQL with role/database ``portal`` (password ``portal``, CREATEDB for pytest-django)."""

    name = "postgres"
    # SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait
    # for every client, e.g. a test's leftover connection, to disconnect.
    stop_signal = signal.SIGINT

    @property
    def url(self) -> str:
        """postgres://portal:portal@127.0.0.1:PORT/portal"""
        return f"postgres://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}"

    def _start(self) -> None:
        assert self.tmpdir is not None
        bindir = find_bindir()
        version = subprocess.run([str(bindir / "postgres"), "--version"],
                                 capture_output=True, text=True, check=False).stdout
        match = re.search(r"\d+(\.\d+)+|\d+", version)
        self.version = match.group(0) if match else "?"
        data = self.tmpdir / "data"
        # Client tools must not pick up a developer's PGHOST/PGUSER/PGPASSWORD.
        env = clean_env(drop_prefixes=("PG",)) | {"HOME": str(self.tmpdir)}

        self._run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                   "--auth=trust", "-E", "UTF8", f"--locale={_locale()}", "--no-sync"],
                  env=env, as_service=True)
        self.port = free_port()
        # The data is thrown away after the run, so durability only costs time.
        self._spawn([str(bindir / "postgres"), "-D", str(data), "-h", "127.0.0.1",
                     "-p", str(self.port), "-k", str(self.tmpdir),
                     "-c", "fsync=off", "-c", "synchronous_commit=off",
                     "-c", "full_page_writes=off"], env)

        def accepting() -> bool:
            return subprocess.run(
                [str(bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port),
                 "-U", "postgres", "-d", "postgres"],
                env=env, check=False, timeout=10).returncode == 0

        self._wait_until(accepting, "pg_isready")
        self._run([str(bindir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                   "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                   "-c", f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}' CREATEDB",
                   "-c", f"CREATE DATABASE {DATABASE} OWNER {ROLE}"], env=env)

