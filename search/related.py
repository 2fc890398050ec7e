"""Related content for a page: through the search layer, never an error for the visitor.

:func:`related_content` asks the configured backend's ``related`` (shared
metals, processes and institutions plus similar text, filtered by the
viewer's visibility inside the backend).  An unavailable engine means no
list, logged, never a failed page.
"""

from __future__ import annotations

import logging

from search.backends import SearchUnavailable, get_backend
from search.query import Hit

logger = logging.getLogger(__name__)

RELATED_LIMIT = 5


def related_content(id: str, viewer_groups: tuple[str, ...], limit: int = RELATED_LIMIT) -> tuple[Hit, ...]:
    """Up to ``limit`` visible items like item ``id`` (not itself); () if the engine is unavailable."""
    try:
        return get_backend().related(id, viewer_groups, limit)
    except SearchUnavailable:
        logger.warning("Search engine unavailable: the page is shown without related content", exc_info=True)
        return ()
