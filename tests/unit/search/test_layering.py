"""The search layer imports no content model, no ``ingest`` and no Celery (the architecture rule).

The portal hands it what it needs (``portal.search_sources``, ``portal.synonyms``):
the names of facet values, the vocabulary, the pages that open a scope.
``search.relevance`` (a measuring tool run by hand) and migrations are not the
search layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import search

ROOT = Path(search.__file__).parent
#: what of the portal the search layer may import: the visibility rules and the rate limit, no models
ALLOWED_PORTAL = {"portal.access", "portal.core.ratelimit"}


def modules() -> list[Path]:
    return [path for path in sorted(ROOT.rglob("*.py"))
            if not {"relevance", "migrations"} & set(path.relative_to(ROOT).parts)]


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_the_search_layer_imports_nothing_of_the_content_apps_ingest_or_celery():
    offending = {}
    for path in modules():
        bad = {name for name in imported(path)
               if name.split(".")[0] in {"ingest", "celery"}
               or (name.startswith("portal.") and name not in ALLOWED_PORTAL
                   and not any(name.startswith(f"{allowed}.") for allowed in ALLOWED_PORTAL))}
        bad.discard("portal")  # "from portal import access"
        if bad - {"portal.access"}:
            offending[str(path.relative_to(ROOT))] = sorted(bad)
    assert offending == {}


def test_the_search_layer_looks_up_no_model_by_name():
    assert [str(path.relative_to(ROOT)) for path in modules() if "get_model(" in path.read_text()] == []
