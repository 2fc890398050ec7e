"""CSRF: every form that changes state needs the token; no view of the project is exempt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db


def _forms() -> list[str]:
    paths = ["/admin/login/", "/django-admin/login/", reverse("set_language")]
    try:
        paths.append(reverse("login"))  # the portal's own login (portal/accounts), once it exists
    except NoReverseMatch:
        pass
    return paths


@pytest.mark.parametrize("path", _forms())
def test_a_post_without_the_token_is_refused(path):
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"username": "admin", "password": "x", "language": "en", "next": "/"})
    assert response.status_code == 403, path


def test_a_post_with_the_token_is_accepted():
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post("/admin/login/", {"username": "x", "password": "y", "csrfmiddlewaretoken": token})
    assert response.status_code == 200  # the form again, with the error; not 403


def test_no_view_of_the_project_is_csrf_exempt():
    base = Path(settings.BASE_DIR)
    skipped = {".venv", "var", "node_modules", ".git", "tests"}
    exempt = [str(path.relative_to(base)) for path in base.rglob("*.py")
              if not skipped & set(path.relative_to(base).parts)
              and re.search(r"\bcsrf_exempt\b", path.read_text(encoding="utf-8"))]
    assert exempt == [], "csrf_exempt needs a written justification and a test: " + ", ".join(exempt)
