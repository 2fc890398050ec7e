"""The demo corpus's items by stable key, and their search ids at run time.

A key is ``"<content type>/<slug>"`` (``"project/inrec"``, ``"paper/paper-03"``):
the content type is the page's ``search_content_type`` and the slug the one
``manage.py seed_demo`` gives it, so keys survive reseeding while database ids
do not.  :func:`demo_keys` reads them from ``portal.demo.content`` without a
database (the judgements are checked against it in the unit tests);
:func:`resolve` maps them to index ids (``"page:<pk>"``) in a seeded database.
"""

from __future__ import annotations

from typing import Iterable

from portal.demo import content


def paper_slug(number: int) -> str:
    """The slug seed_demo gives the ``number``-th paper of ``content.PAPERS`` (from 1)."""
    return f"paper-{number:02d}"


def demo_keys() -> dict[str, str]:
    """Every searchable demo item: key -> title (from ``portal.demo.content``, no database)."""
    keys: dict[str, str] = {}
    keys.update({f"project/{item['slug']}": item["title"] for item in content.PROJECTS})
    keys.update({f"event/{item['slug']}": item["title"] for item in content.EVENTS})
    keys.update({f"paper/{paper_slug(number)}": paper[1] for number, paper in enumerate(content.PAPERS, start=1)})
    keys.update({f"technology/{item[0]}": item[1] for item in content.TECHNOLOGIES})
    keys.update({f"news/{item[0]}": item[1] for item in content.NEWS})
    return keys


def key_of(content_type: str, slug: str) -> str:
    return f"{content_type}/{slug}"


def resolve(pages: Iterable) -> dict[str, str]:
    """Map keys to index ids for ``pages`` (live searchable pages, specific instances).

    Raises ``ValueError`` if two pages share a key: judgements would then be
    ambiguous.
    """
    # portal.searchable imports models (through portal.access): only once Django is set up, which the
    # callers of resolve() have done and the readers of demo_keys() (the judgements, unit tests) need not.
    from portal.searchable import search_document_id

    ids: dict[str, str] = {}
    for page in pages:
        key = key_of(page.search_content_type, page.slug)
        if key in ids:
            raise ValueError(f"Two live pages have the key {key!r}; judgements could not tell them apart.")
        ids[key] = search_document_id(page.pk)
    return ids
