"""Choose and build the configured search backend."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from search.backends.base import SearchBackend, SearchUnavailable

__all__ = ["get_backend", "SearchBackend", "SearchUnavailable"]


@lru_cache(maxsize=None)
def _build(dotted_path: str, params: tuple) -> SearchBackend:
    try:
        backend_class = import_string(dotted_path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"PORTAL_SEARCH['BACKEND'] = {dotted_path!r} cannot be imported ({exc}). "
            "Use 'search.backends.embedded.EmbeddedBackend' or "
            "'search.backends.elasticsearch.ElasticsearchBackend'."
        ) from exc
    return backend_class(dict(params))


def get_backend() -> SearchBackend:
    """Return the backend named by ``settings.PORTAL_SEARCH`` (built once)."""
    config = dict(settings.PORTAL_SEARCH)
    dotted_path = config.pop("BACKEND")
    return _build(dotted_path, tuple(sorted(config.items())))


def reset_backend_cache() -> None:
    """Forget built backends (tests that change settings call this)."""
    _build.cache_clear()
