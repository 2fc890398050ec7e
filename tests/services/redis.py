"""A throwaway Redis server (Celery's broker): no persistence, 127.0.0.1 only."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess

from .common import PROVISION_HINT, NotProvisioned, Service, clean_env, free_port


def find_redis_server() -> str:
    """Path of redis-server (PATH, or Debian's /usr/bin)."""
    path = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin")
    if not path:
        raise NotProvisioned(f"redis-server not found; {PROVISION_HINT}")
    return path


def ping(port: int) -> bool:
    """True if a Redis on 127.0.0.1:port answers PING with PONG (raw RESP, no client lib)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class Redis(Service):
    """redis-server on a free port, database 0."""

    name = "redis"

    @property
    def url(self) -> str:
        """redis://127.0.0.1:PORT/0"""
        return f"redis://127.0.0.1:{self.port}/0"

    def _start(self) -> None:
        assert self.tmpdir is not None
        binary = find_redis_server()
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
        match = re.search(r"v=(\S+)", out.stdout)
        self.version = match.group(1) if match else "?"
        self.port = free_port()
        # No config file: everything on the command line; "--save ''" and no
        # AOF so nothing is written besides the log.
        self._spawn([binary, "--port", str(self.port), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--dir", str(self.tmpdir),
                     "--daemonize", "no"], clean_env() | {"HOME": str(self.tmpdir)})
        port = self.port
        self._wait_until(lambda: ping(port), "PING")
