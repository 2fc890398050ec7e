"""Elasticsearch responses as results: hits, page hits and facet counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields as dataclass_fields
from typing import Any

from search.facets import FACETS
from search.index_settings import DOCUMENT_TEXT_FIELDS, PAGE_TEXT_FIELD
from search.query import FacetCount, Hit, PageHit, SearchQuery, facet_counts

_HIT_FACET_FIELDS = {f.name for f in dataclass_fields(Hit)} & {facet.field for facet in FACETS}


def _hit(raw: dict[str, Any]) -> Hit:
    source = raw["_source"]
    highlight = raw.get("highlight", {})
    pages = raw.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", [])
    return Hit(
        id=source["id"],
        content_type=source["content_type"],
        title=source["title"],
        url=source["url"],
        summary=source.get("summary", ""),
        date=dt.date.fromisoformat(source["date"]) if source.get("date") else None,
        score=float(raw.get("_score") or 0.0),
        highlights=tuple(fragment for name in DOCUMENT_TEXT_FIELDS for fragment in highlight.get(name, ())),
        page_hits=tuple(_page_hit(page) for page in pages),
        detected=tuple(source.get("detected") or ()),
        roles=tuple(source.get("roles") or ()),
        readiness=source.get("readiness"),
        **{name: tuple(source.get(name) or ()) for name in _HIT_FACET_FIELDS},
    )


def _page_hit(raw: dict[str, Any]) -> PageHit:
    values = raw.get("fields", {})
    fragments = raw.get("highlight", {}).get(PAGE_TEXT_FIELD, [""])
    return PageHit(
        attachment_title=values["pages.attachment_title"][0],
        attachment_url=values["pages.attachment_url"][0],
        number=int(values["pages.number"][0]),
        highlight=fragments[0],
    )


def _facets(aggregations: dict[str, Any], query: SearchQuery) -> dict[str, tuple[FacetCount, ...]]:
    facets = {}
    for facet in FACETS:
        aggregation = aggregations.get(facet.name, {})
        counts = {bucket["key"]: bucket["doc_count"] for bucket in aggregation.get("values", {}).get("buckets", [])}
        counts |= {bucket["key"]: bucket["doc_count"]
                   for bucket in aggregation.get("selected", {}).get("buckets", [])}
        facets[facet.name] = facet_counts(counts, query.filters.get(facet.name, ()))
    return facets
