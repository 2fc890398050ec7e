"""The OpenAPI document at /api/v1/openapi.json: valid, built from the declarations, and true to the API.

Real responses of ``/api/v1/search`` and ``/api/v1/suggest`` (on both
backends) are validated against the document's response schemas, whose
objects admit no undocumented property: a field added to the API without
being described fails here.
"""

from __future__ import annotations


import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from search.backends.base import MAX_SUGGESTIONS
from search.facets import FACETS
from search.openapi import openapi_document
from search.query import MAX_PAGE, MAX_QUERY_LENGTH, SORTS
from search.scopes import SCOPE_PATTERN
from tests.integration.search.conftest import INDIUM_LCD, LCD_REPORT_URL, PDF_ONLY_WORD
from tests.integration.search.test_suggest import serve_from, taxonomy  # noqa: F401 -- a fixture

SEARCH = "/api/v1/search"
SUGGEST = "/api/v1/suggest"
DOCUMENT_URI = "urn:portal:openapi"


def operation(document: dict, path: str) -> dict:
    return document["paths"][path]["get"]


def assert_matches_the_document(response, path: str) -> dict:
    """The response's status is documented for ``path`` and its body fits the schema documented for it."""
    document = openapi_document()
    responses = operation(document, path)["responses"]
    status = str(response.status_code)
    assert status in responses, f"{path} answered {status}, which the document does not describe"
    assert response["Content-Type"] == "application/json"
    pointer = "/".join(["#", "paths", path.replace("~", "~0").replace("/", "~1"), "get", "responses", status,
                        "content", "application~1json", "schema"])
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource(DOCUMENT_URI, resource)
    validator = Draft202012Validator({"$ref": DOCUMENT_URI + pointer}, registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    body = response.json()
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors)
    return body


# --- the document ----------------------------------------------------------------------------


def test_the_document_is_valid_openapi_3_1():
    document = openapi_document()
    assert document["openapi"].startswith("3.1")
    validate_openapi(document)  # raises on any error


@pytest.mark.django_db
def test_the_document_is_served_as_json(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == openapi_document()


def test_the_document_is_built_from_the_declarations_the_api_runs_on():
    search = operation(openapi_document(), SEARCH)
    parameters = {parameter["name"]: parameter for parameter in search["parameters"]}
    assert list(parameters) == ["q", "page", "page_size", "sort", "correct", "scope",
                                *(facet.name for facet in FACETS)]
    assert parameters["scope"]["schema"] == {"type": "string", "pattern": SCOPE_PATTERN}
    assert parameters["q"]["schema"]["maxLength"] == MAX_QUERY_LENGTH
    assert (parameters["page"]["schema"]["minimum"], parameters["page"]["schema"]["maximum"]) == (1, MAX_PAGE)
    assert parameters["sort"]["schema"]["enum"] == list(SORTS)
    for facet in FACETS:  # repeated parameters: ?metal=cu&metal=in
        assert parameters[facet.name]["schema"]["type"] == "array"
        assert (parameters[facet.name]["style"], parameters[facet.name]["explode"]) == ("form", True)
    schemas = openapi_document()["components"]["schemas"]
    assert schemas["SearchResults"]["properties"]["facets"]["required"] == [facet.name for facet in FACETS]
    assert schemas["Suggestions"]["properties"]["suggestions"]["maxItems"] == MAX_SUGGESTIONS
    assert set(search["responses"]) == {"200", "400", "429", "503"}
    assert set(operation(openapi_document(), SUGGEST)["responses"]) == {"200", "400", "429", "503"}


# --- real responses --------------------------------------------------------------------------


@pytest.fixture
def api(client, backend, monkeypatch, taxonomy):  # noqa: F811 -- taxonomy is the imported fixture
    serve_from(monkeypatch, backend)
    return client


def test_a_search_with_text_facets_and_sort_fits_the_document(api):
    response = api.get(SEARCH, {"q": "Indium", "metal": ["in", "ga"], "process": "leaching", "sort": "date"},
                       headers={"Accept-Language": "en"})
    body = assert_matches_the_document(response, SEARCH)
    assert body["total"] >= 2
    assert body["query"]["filters"] == {"metal": ["in", "ga"], "process": ["leaching"]}
    assert {value["value"] for value in body["facets"]["metal"] if value["selected"]} == {"in", "ga"}
    dates = [hit["date"] for hit in body["results"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_a_search_finding_pdf_pages_fits_the_document(api):
    body = assert_matches_the_document(api.get(SEARCH, {"q": PDF_ONLY_WORD}), SEARCH)
    hit, = body["results"]
    assert hit["id"] == INDIUM_LCD.id
    assert [page["url"] for page in hit["pages"]] == [f"{LCD_REPORT_URL}#page=3"]


def test_an_empty_search_fits_the_document(api):
    body = assert_matches_the_document(api.get(SEARCH), SEARCH)
    assert body["total"] > 0 and body["did_you_mean"] is None


@pytest.mark.parametrize("correct", ["1", "0"])
def test_a_misspelt_search_fits_the_document_corrected_or_not(api, correct):
    body = assert_matches_the_document(api.get(SEARCH, {"q": "Indum", "correct": correct}), SEARCH)
    assert "indium" in (body["query"]["q"], body["did_you_mean"])  # searched corrected, or proposed


def test_a_scoped_search_fits_the_document(api):
    body = assert_matches_the_document(api.get(SEARCH, {"q": "Indium", "scope": "project:inrec"}), SEARCH)
    assert body["query"]["scope"] == "project:inrec"
    assert body["scope"] == {"value": "project:inrec", "kind": "project", "label": "inrec", "url": ""}
    assert assert_matches_the_document(api.get(SEARCH, {"q": "Indium"}), SEARCH)["scope"] is None


def test_suggestions_fit_the_document(api):
    body = assert_matches_the_document(api.get(SUGGEST, {"q": "kup"}), SUGGEST)
    assert {suggestion["kind"] for suggestion in body["suggestions"]} == {"metal", "title"}


@pytest.mark.parametrize(("path", "params"), [
    (SEARCH, {"page": str(MAX_PAGE + 1)}),
    (SEARCH, {"sort": "popularity"}),
    (SEARCH, {"metal": "<b>"}),
    (SEARCH, {"scope": "institution:tu-harz"}),
    (SUGGEST, {"q": "ind", "limit": "0"}),
])
def test_a_bad_parameter_gets_the_documented_400(api, path, params):
    response = api.get(path, params)
    assert response.status_code == 400
    assert assert_matches_the_document(response, path)["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [SEARCH, SUGGEST])
def test_an_unavailable_engine_gets_the_documented_503(client, unreachable_engine, path):
    response = client.get(path, {"q": "Indium"})
    assert response.status_code == 503
    assert "unavailable" in assert_matches_the_document(response, path)["error"]
