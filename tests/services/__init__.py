"""Real services for the test command: PostgreSQL, Redis and Elasticsearch.

Each runs on 127.0.0.1 on a free port with its data in a fresh temp dir, as
the unprivileged ``portal-svc`` user when we are root.  Binaries come from
``scripts/provision``.  Use a class directly::

    with Postgres() as pg:
        connect(pg.url)

or wrap a command: ``python -m tests.services run -- pytest``.
"""

from __future__ import annotations

from .common import NotProvisioned, Service, ServiceError
from .elasticsearch import Elasticsearch
from .postgres import Postgres
from .redis import Redis

# Name -> (class, environment variable the URL is exported as).
SERVICES: dict[str, tuple[type[Service], str]] = {
    "postgres": (Postgres, "DATABASE_URL"),
    "redis": (Redis, "CELERY_BROKER_URL"),
    "elasticsearch": (Elasticsearch, "ELASTICSEARCH_URL"),
}

__all__ = ["SERVICES", "Elasticsearch", "NotProvisioned", "Postgres", "Redis",
           "Service", "ServiceError"]
