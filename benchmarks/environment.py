"""Django settings for a benchmark: production settings on the test harness's services, in a folder of its own."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def configure_django(work: Path, index: str) -> dict[str, str]:
    """Production settings on the harness's services; return the environment for the workers."""
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "benchmark-only-" + hashlib.sha256(os.urandom(16)).hexdigest(),
        "ALLOWED_HOSTS": "localhost",
        "PORTAL_VAR_DIR": str(work),
        "MEDIA_ROOT": str(work / "media"),
        "PORTAL_SEARCH_INDEX": index,
    }
    os.environ.update(env)
    os.environ["LOG_LEVEL"] = "WARNING"  # this process only; the workers log at INFO, as in production
    import django

    django.setup()
    return {**os.environ, **env, "LOG_LEVEL": os.environ.get("BENCH_WORKER_LOG_LEVEL", "INFO")}
