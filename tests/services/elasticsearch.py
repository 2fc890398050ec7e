"""A throwaway single-node Elasticsearch from the distribution unpacked by scripts/provision.

That distribution is Maven Central's ``integ-test-zip``: a minimal build
(modules: apm, transport-netty4, x-pack-core, x-pack-security).  Notably it has
no ``rest-root`` module, so ``GET /`` answers 405; the version is read from
``GET /_nodes/_local`` instead.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .common import (PROVISION_HINT, NotProvisioned, Service, ServiceError, clean_env,
                     free_port, give_to_service_user)

DEFAULT_VERSION = "8.19.21"
DEFAULT_CACHE_DIR = "/var/cache/metals-portal"
DEFAULT_JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"


def es_home(version: str) -> Path:
    """Where scripts/provision unpacked this version ($PORTAL_CACHE_DIR/elasticsearch-VERSION)."""
    cache = Path(os.environ.get("PORTAL_CACHE_DIR", DEFAULT_CACHE_DIR))
    return cache / f"elasticsearch-{version}"


def find_java_home() -> Path:
    """A JDK for the server: $ES_JAVA_HOME, $JAVA_HOME, Debian's Java 17, or `java` on PATH."""
    candidates = [os.environ.get("ES_JAVA_HOME"), os.environ.get("JAVA_HOME"), DEFAULT_JAVA_HOME]
    java = shutil.which("java")
    if java:
        candidates.append(str(Path(os.path.realpath(java)).parent.parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "bin" / "java").is_file():
            return Path(candidate)
    raise NotProvisioned("no Java found for Elasticsearch (needs 17+); set JAVA_HOME")


def extra_settings_from_env() -> dict[str, str]:
    """Settings from $PORTAL_ES_SETTINGS ("key=value,key=value"), e.g. to try a tweak."""
    raw = os.environ.get("PORTAL_ES_SETTINGS", "")
    pairs = (item.split("=", 1) for item in raw.split(",") if "=" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def http_json(url: str, timeout: float = 5.0) -> Any:
    """GET ``url`` and decode the JSON body (raises urllib errors)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


class Elasticsearch(Service):
    """Single-node Elasticsearch, security off, 512 MB heap."""

    name = "elasticsearch"
    stop_timeout = 30.0

    def __init__(self, version: str | None = None, timeout: float = 120.0,
                 settings: dict[str, str] | None = None) -> None:
        super().__init__(timeout=timeout)
        self.expected_version = version or os.environ.get("PORTAL_ES_VERSION", DEFAULT_VERSION)
        self.extra_settings = extra_settings_from_env() | (settings or {})
        self.transport_port: int | None = None

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    def _settings(self, home: Path) -> dict[str, str]:
        assert self.tmpdir is not None
        modules = {p.name for p in (home / "modules").iterdir()}
        settings = {
            "cluster.name": "metals-portal-test",
            "node.name": "portal-test",
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": str(self.port),
            "transport.port": str(self.transport_port),
            "path.data": str(self.tmpdir / "data"),
            "path.logs": str(self.tmpdir / "logs"),
            # CI disks are often over the 90 % watermark; shards would then
            # stay unassigned and the cluster would never turn yellow.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
        }
        # Unknown settings are fatal, so only name modules that are present.
        if "x-pack-core" in modules:  # registers xpack.security.* and xpack.ml.enabled
            settings["xpack.security.enabled"] = "false"
            settings["xpack.ml.enabled"] = "false"
        if "ingest-geoip" in modules:  # else: no downloads in tests; not in integ-test-zip
            settings["ingest.geoip.downloader.enabled"] = "false"
        return settings | self.extra_settings

    def _start(self) -> None:
        assert self.tmpdir is not None
        home = es_home(self.expected_version)
        if not (home / "bin" / "elasticsearch").is_file():
            raise NotProvisioned(f"Elasticsearch {self.expected_version} is not unpacked at "
                                 f"{home}; {PROVISION_HINT}")
        java_home = find_java_home()
        # Per-run config (the server writes its keystore there) and tmp dir,
        # so nothing is written into the shared, read-only cache.
        shutil.copytree(home / "config", self.tmpdir / "config")
        (self.tmpdir / "tmp").mkdir()
        give_to_service_user(self.tmpdir)
        self.port, self.transport_port = free_port(), free_port()

        env = clean_env() | {
            # The launcher reads ES_JAVA_HOME and only warns about JAVA_HOME.
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(self.tmpdir / "config"),
            "ES_TMPDIR": str(self.tmpdir / "tmp"),
            # The launcher JVM probes JVM flags in a temp dir it never removes
            # (/tmp/final-flags*); keep that inside our temp dir too.
            "CLI_JAVA_OPTS": f"-Djava.io.tmpdir={self.tmpdir / 'tmp'}",
            "ES_JAVA_OPTS": "-Xms512m -Xmx512m",
            "HOME": str(self.tmpdir),
        }
        for var in ("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"):
            env.pop(var, None)  # the launcher warns about (or ignores) these
        args = [f"-E{key}={value}" for key, value in self._settings(home).items()]
        self._spawn([str(home / "bin" / "elasticsearch"), *args], env)

        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
        self._wait_until(lambda: self._healthy(health), "cluster health yellow")
        self.version = self._server_version()
        if self.version != self.expected_version:
            raise ServiceError(f"expected version {self.expected_version}, "
                               f"server reports {self.version}")

    @staticmethod
    def _healthy(url: str) -> bool:
        try:
            return http_json(url).get("status") in ("yellow", "green")
        except (OSError, ValueError):  # refused, 408 timeout, half-started
            return False

    def _server_version(self) -> str:
        try:
            return str(http_json(f"{self.url}/")["version"]["number"])
        except urllib.error.HTTPError:
            # integ-test-zip lacks the rest-root module: GET / is 405 there.
            nodes = http_json(f"{self.url}/_nodes/_local?filter_path=nodes.*.version")["nodes"]
            return str(next(iter(nodes.values()))["version"])
