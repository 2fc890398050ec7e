"""The OpenAPI 3.1 description of the JSON API, served at ``/api/v1/openapi.json``.

The document is built from the declarations the API itself runs on: the
facets (``search.facets.FACETS``), the sort orders and limits of
``search.query``, the suggestion limits and kinds, and the URL
configuration.  Adding a facet or a sort order therefore changes the
document too.  ``tests/integration/search/test_openapi.py`` validates it and
checks real responses against its schemas, so a changed response body
cannot go undescribed.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from search.backends.base import MAX_SUGGESTIONS
from search.facets import FACETS
from search.partners import EVIDENCE_SHOWN, INSTITUTION_KINDS, MAX_PARTNERS_LISTED, MAX_RADIUS_KM, ROLE_WEIGHTS
from search.query import (MAX_FILTER_VALUES, MAX_PAGE, MAX_PAGE_HITS, MAX_PAGE_SIZE, MAX_PARAMETERS, MAX_QUERY_LENGTH,
                          PAGE_SIZE, SORTS)
from search.scopes import SCOPE_KINDS, SCOPE_PATTERN
from search.service import CONTENT_TYPE_LABELS, FILTER_VALUE_PATTERN
from search.suggest import MAX_SUGGEST_QUERY_LENGTH

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1"
SCHEMAS = "#/components/schemas/"


def _ref(name: str) -> dict:
    return {"$ref": SCHEMAS + name}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _object(properties: dict, description: str = "") -> dict:
    """A JSON object with exactly these properties, all required."""
    schema = {"type": "object", "required": list(properties), "properties": properties, "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def _strings(description: str = "") -> dict:
    schema = {"type": "array", "items": {"type": "string"}}
    if description:
        schema["description"] = description
    return schema


def _suggestion_kinds() -> list[str]:
    """``title`` and the facets whose values have labels to suggest (as ``search.suggest`` offers them)."""
    return ["title"] + [facet.name for facet in FACETS if facet.label_model]


def _errors() -> dict:
    return {
        "400": _json(_ref("Error"), "A parameter cannot be searched for; `error` says which and what to do."),
        "429": {**_json(_ref("Error"), "Too many requests from this address; retry after `Retry-After` seconds."),
                "headers": {"Retry-After": {"description": "Seconds until requests are accepted again.",
                                            "schema": {"type": "integer", "minimum": 1}}}},
        "503": _json(_ref("Error"), "The search engine is unavailable; retry later."),
    }


def _search_parameters() -> list[dict]:
    parameters = [
        {"name": "q", "in": "query", "required": False,
         "description": "Words are ANDed, \"quoted phrases\" match as phrases; no text is ever a syntax error. "
                        "Empty: everything visible, newest first.",
         "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH, "default": ""}},
        {"name": "page", "in": "query", "required": False,
         "description": f"Result page, from 1. Pages beyond {MAX_PAGE} are refused with a 400: "
                        "narrow the query or add filters instead.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
        {"name": "page_size", "in": "query", "required": False,
         "description": f"Results per page, at most {MAX_PAGE_SIZE}; more is refused with a 400.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE}},
        {"name": "sort", "in": "query", "required": False,
         "description": "`relevance`: best first (newest first when there is no text); `date`: newest first.",
         "schema": {"type": "string", "enum": list(SORTS), "default": SORTS[0]}},
        {"name": "correct", "in": "query", "required": False,
         "description": "A text that finds nothing is searched with its spelling corrected, and `corrected_from` "
                        "keeps what was typed; failing that, without the words no item holds (`missing`); `0` "
                        "searches the text as typed only.",
         "schema": {"type": "string", "enum": ["0", "1"], "default": "1"}},
        {"name": "scope", "in": "query", "required": False,
         "description": "Search only within one project (`project:<slug>`: its own entry with its reports' PDF "
                        "pages) or one symposium edition (`edition:<slug>`: the edition and its papers). Like a "
                        "filter it decides what is found, not the order, and the facets count within it; a "
                        "scope that names nothing finds nothing. Without it: everything. `promoted` is empty "
                        "in a scope.",
         "schema": {"type": "string", "pattern": SCOPE_PATTERN}},
    ]
    for facet in FACETS:
        parameters.append({
            "name": facet.name, "in": "query", "required": False, "style": "form", "explode": True,
            "description": f"{facet.label}: the values (as listed in `facets.{facet.name}`) to filter by. "
                           "Repeat the parameter to select several: OR within a facet, AND across facets. "
                           f"At most {MAX_FILTER_VALUES} values per facet and {MAX_PARAMETERS} values in all "
                           "parameters together; more is refused with a 400.",
            "schema": {"type": "array", "items": {"type": "string", "pattern": FILTER_VALUE_PATTERN},
                       "maxItems": MAX_FILTER_VALUES},
        })
    return parameters


def _suggest_parameters() -> list[dict]:
    return [
        {"name": "q", "in": "query", "required": False,
         "description": "What has been typed; every word must start a word of a suggestion. No words: no suggestions.",
         "schema": {"type": "string", "maxLength": MAX_SUGGEST_QUERY_LENGTH, "default": ""}},
        {"name": "limit", "in": "query", "required": False, "description": "At most this many suggestions.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_SUGGESTIONS, "default": MAX_SUGGESTIONS}},
    ]


def _partner_parameters() -> list[dict]:
    return [
        {"name": "q", "in": "query", "required": False,
         "description": "The need in words (German or English), the query language of `/api/v1/search`.",
         "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH, "default": ""}},
        *[{"name": name, "in": "query", "required": False, "style": "form", "explode": True,
           "description": f"Only evidence with these {name} slugs counts (as the search's `{name}` filter).",
           "schema": {"type": "array", "items": {"type": "string", "pattern": FILTER_VALUE_PATTERN},
                      "maxItems": MAX_FILTER_VALUES}} for name in ("metal", "process")],
        {"name": "kind", "in": "query", "required": False, "description": "Institution type.",
         "schema": {"type": "string", "enum": ["", *INSTITUTION_KINDS]}},
        {"name": "near", "in": "query", "required": False,
         "description": "A town of the member institutions (case does not matter); with `radius_km`, only "
                        "institutions that close. A town without members finds nothing, and `notice` says so.",
         "schema": {"type": "string", "maxLength": 120}},
        {"name": "radius_km", "in": "query", "required": False, "description": "Distance from `near`, in km.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_RADIUS_KM}},
        {"name": "min_trl", "in": "query", "required": False,
         "description": "Only institutions whose evidence reached at least this technology readiness level.",
         "schema": {"type": "integer", "minimum": 1, "maximum": 9}},
        {"name": "limit", "in": "query", "required": False, "description": "At most this many institutions.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PARTNERS_LISTED}},
    ]


def _schemas() -> dict:
    facet_names = [facet.name for facet in FACETS]
    detected_fields = "|".join(facet.field for facet in FACETS)
    return {
        "Error": _object({"error": {"type": "string", "description": "What went wrong and what to do (English)."}}),
        "FacetValue": _object({
            "value": {"type": "string", "description": "The slug to pass as the facet's parameter."},
            "label": {"type": "string", "description": "The value's name in the interface language."},
            "count": {"type": "integer", "minimum": 0,
                      "description": "Matching items with this value, applying every other facet's filters."},
            "selected": {"type": "boolean"},
        }),
        "PageHit": _object({
            "document": {"type": "string", "description": "Title of the PDF."},
            "number": {"type": "integer", "minimum": 1, "description": "Page number, from 1."},
            "url": {"type": "string", "format": "uri-reference",
                    "description": "Opens the PDF at this page (`…pdf#page=N`)."},
            "highlight": {"type": "string", "description": "HTML-escaped text with `<mark>` around the matches."},
        }),
        "Hit": _object({
            "id": {"type": "string"},
            "type": {"type": "string", "enum": list(CONTENT_TYPE_LABELS)},
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri-reference"},
            "summary": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"},
            "highlights": _strings("HTML-escaped fragments with `<mark>` around the matches."),
            "pages": {"type": "array", "items": _ref("PageHit"), "maxItems": MAX_PAGE_HITS,
                      "description": "Matching pages of attached PDFs, best first."},
            "metals": _strings("Metal slugs chosen by an editor."),
            "processes": _strings("Process slugs chosen by an editor."),
            "institutions": _strings("Institution slugs chosen by an editor."),
            "detected": {"type": "array", "description": "`<field>:<slug>` recognised in the text.",
                         "items": {"type": "string", "pattern": f"^({detected_fields}):.+$"}},
        }),
        "Promoted": _object({
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri-reference"},
            "description": {"type": "string"},
            "type": {"type": "string"},
        }, "A result the editors recommend for this query."),
        "Scope": _object({
            "value": {"type": "string", "pattern": SCOPE_PATTERN},
            "kind": {"type": "string", "enum": [kind.name for kind in SCOPE_KINDS]},
            "label": {"type": "string",
                      "description": "The project's or edition's title; its slug when the caller may see no "
                                     "such page."},
            "url": {"type": "string", "format": "uri-reference",
                    "description": "The project's or edition's page; empty when the caller may see no such page."},
        }, "The project or edition the search is limited to."),
        "SearchResults": _object({
            "query": _object({
                "q": {"type": "string"},
                "filters": {"type": "object", "additionalProperties": False,
                            "properties": {name: _strings() for name in facet_names}},
                "scope": {"type": ["string", "null"], "description": "The `scope` parameter, lower-cased."},
            }, "The query as searched: the text (corrected if `corrected_from` is set), the selected "
               "facet values and the scope."),
            "scope": {"oneOf": [{"type": "null"}, _ref("Scope")],
                      "description": "The project or edition searched in, null without `scope`."},
            "corrected_from": {"type": ["string", "null"],
                               "description": "The text as typed, when it found nothing and its corrected spelling "
                                              "(`query.q`) was searched instead; else null."},
            "missing": {"type": "array", "items": {"type": "string"},
                        "description": "Words of the text as typed that no item you may see holds (within the "
                                       "filters and scope), left out because the whole text found nothing; "
                                       "`query.q` is then the text without them. Empty otherwise."},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "examples": [PAGE_SIZE]},
            "page_count": {"type": "integer", "minimum": 1,
                           "description": f"May exceed {MAX_PAGE}; pages beyond that are not served."},
            "results": {"type": "array", "items": _ref("Hit")},
            "facets": _object({name: {"type": "array", "items": _ref("FacetValue")} for name in facet_names},
                              "Every facet's values, most frequent first (years newest first); "
                              "selected values always."),
            "did_you_mean": {"type": ["string", "null"],
                             "description": "A corrected text to propose when little was found, else null."},
            "promoted": {"type": "array", "items": _ref("Promoted"),
                         "description": "Only on the first page of a search without filters or scope."},
        }),
        "Suggestion": _object({
            "text": {"type": "string"},
            "kind": {"type": "string", "enum": _suggestion_kinds()},
            "url": {"type": "string", "format": "uri-reference",
                    "description": "A title's item, or the search for a metal, process or institution."},
            "value": {"type": "string", "description": "The item's id for a title, else the value's slug."},
        }),
        "Evidence": _object({
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri-reference"},
            "type": {"type": "string", "enum": list(CONTENT_TYPE_LABELS)},
            "role": {"type": "string", "description": "The institution's part: " + ", ".join(ROLE_WEIGHTS) + "."},
            "role_label": {"type": "string", "description": "The role in the interface language."},
            "year": {"type": ["integer", "null"]},
            "highlight": {"type": "string", "description": "HTML-escaped passage with `<mark>` around the matches."},
            "page": {"oneOf": [{"type": "null"}, _object({"number": {"type": "integer", "minimum": 1},
                                                          "url": {"type": "string", "format": "uri-reference"}})],
                     "description": "The PDF page holding the passage, if the match stands in a PDF."},
        }, "An item that earned the institution its rank, as the caller may see it."),
        "Partner": _object({
            "name": {"type": "string"},
            "slug": {"type": "string"},
            "url": {"type": "string", "format": "uri-reference"},
            "kind": {"type": "string"},
            "town": {"type": "string"},
            "distance_km": {"type": ["number", "null"], "description": "From `near`, when given."},
            "score": {"type": "number", "minimum": 0},
            "readiness": {"type": ["integer", "null"], "description": "Highest readiness level its evidence reached."},
            "evidence": {"type": "array", "items": _ref("Evidence"), "maxItems": EVIDENCE_SHOWN},
            "metals": _strings("Metal slugs of its evidence, most frequent first."),
            "processes": _strings("Process slugs of its evidence, most frequent first."),
        }),
        "Partners": _object({
            "query": _object({
                "q": {"type": "string"}, "metal": _strings(), "process": _strings(), "kind": {"type": "string"},
                "near": {"type": "string"}, "radius_km": {"type": ["integer", "null"]},
                "min_trl": {"type": ["integer", "null"]},
            }),
            "total": {"type": "integer", "minimum": 0},
            "results": {"type": "array", "items": _ref("Partner"), "maxItems": MAX_PARTNERS_LISTED},
            "notice": {"type": ["string", "null"],
                       "description": "Why nothing could be found, when a filter names nothing (English)."},
        }),
        "Suggestions": _object({
            "query": {"type": "string"},
            "suggestions": {"type": "array", "items": _ref("Suggestion"), "maxItems": MAX_SUGGESTIONS},
        }),
    }


def openapi_document() -> dict:
    """The OpenAPI 3.1 document of ``/api/v1/search``, ``/api/v1/partners`` and ``/api/v1/suggest``."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Metals Recycling Cluster – search API",
            "version": API_VERSION,
            "description": "Full-text search with facets over projects, symposium papers, technology profiles, "
                           "news, events and members, including the text of every attached PDF page. Labels "
                           "come in the language the request asks for (`Accept-Language`: `de` or `en`).",
        },
        "paths": {
            reverse("api-search"): {"get": {
                "operationId": "search",
                "summary": "Search, mirroring the /search/ page",
                "parameters": _search_parameters(),
                "responses": {"200": _json(_ref("SearchResults"), "A page of results with every facet."),
                              **_errors()},
            }},
            reverse("api-partners"): {"get": {
                "operationId": "partners",
                "summary": "Partner search: the institutions whose work meets a need, with the evidence",
                "parameters": _partner_parameters(),
                "responses": {"200": _json(_ref("Partners"), "Institutions, best first."), **_errors()},
            }},
            reverse("api-suggest"): {"get": {
                "operationId": "suggest",
                "summary": "Autocomplete: titles, and metals, processes and institutions by name",
                "parameters": _suggest_parameters(),
                "responses": {"200": _json(_ref("Suggestions"), "At most `limit` suggestions."), **_errors()},
            }},
        },
        "components": {"schemas": _schemas()},
    }


@require_GET
def openapi_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
