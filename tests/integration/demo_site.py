"""The seeded demo site for a module of tests: ``seed_demo`` once, indexed, and taken away afterwards."""

from __future__ import annotations

import contextlib
from typing import Iterator

import pytest
from django.core.management import call_command
from wagtail.models import Page

from ingest.models import PortalDocument
from portal.taxonomy.models import Institution
from search.backends import get_backend, reset_backend_cache


@contextlib.contextmanager
def seeded_demo(index: bool = True) -> Iterator[None]:
    """Seed the demo content into an empty index; remove the pages, documents and institutions afterwards.

    ``index=False`` seeds without indexing (for pages that do not search).  Metals and processes stay:
    they are the reference vocabulary, as migrate left it.  Use it inside ``django_db_blocker.unblock()``
    in a module-scoped fixture.
    """
    reset_backend_cache()
    get_backend().clear()
    with pytest.MonkeyPatch.context() as patch:
        if not index:
            patch.setattr("ingest.signals.queue", lambda task, *args: None)
        call_command("seed_demo", "--no-admin", verbosity=0)
    try:
        yield
    finally:
        for page in Page.objects.filter(depth=3):
            page.delete()
        PortalDocument.objects.all().delete()
        Institution.objects.all().delete()
