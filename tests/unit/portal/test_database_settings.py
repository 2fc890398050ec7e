"""Database connections persist between requests and are checked before reuse; both come from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PRINT = ("import django, json; django.setup(); from django.conf import settings; "
         "d = settings.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))")


def database_settings(**env: str) -> list:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **env)
    result = subprocess.run([sys.executable, "-c", PRINT], cwd=REPO, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_connections_persist_a_minute_and_are_health_checked_by_default():
    assert database_settings() == [60, True]
    assert database_settings(DATABASE_URL="postgres://portal:x@db:5432/portal") == [60, True]


def test_the_environment_sets_both():
    assert database_settings(DATABASE_CONN_MAX_AGE="0", DATABASE_CONN_HEALTH_CHECKS="0") == [0, False]
