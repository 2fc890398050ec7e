"""Fuzzing the JSON API: Schemathesis from the OpenAPI document, Hypothesis with hostile text, on both backends.

Schemathesis reads ``/api/v1/openapi.json`` from the WSGI application and
generates requests for every operation (valid ones and ones that break the
documented rules); each is sent in-process.  Hypothesis throws hostile text
(any Unicode, control characters, quotes, the query syntax of FTS5 and
Elasticsearch, very long strings) at ``parse_query`` and the backend's
search.  Asserted: no server error; every answer is documented and fits its
schema; a 400 says what is wrong in ``{"error"}``.  The number of cases run
is printed at the end of the session (``-s`` or the terminal summary).
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.facets import FACETS
from search.query import MAX_QUERY_LENGTH
from search.service import InvalidSearch, parse_query
from tests.integration.search.test_suggest import serve_from, taxonomy  # noqa: F401 -- a fixture

CASES: Counter = Counter()  # cases run per test, printed by the last test of this module
# PORTAL_FUZZ_EXAMPLES=2000 for a longer hunt; 150 per test keeps the suite's budget (about 30 s in all).
FUZZ = settings(max_examples=int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "150")), deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])

# The syntax of both engines, and what breaks parsers: none of it may reach an engine as syntax.
ENGINE_SYNTAX = ['NEAR(', 'AND', 'OR', 'NOT', '*', '^', '~', '\\', '/', '"', "'", '(', ')', ':', '-', '+', '{',
                 '}', '[', ']', '!', '?', '&&', '||', '<', '>', '=', 'title:', '_exists_:', '\x00', '\u202e',
                 '\ufeff', '%', '\n', '\t', 'Indium', 'Kupfer', '"Indium', 'ü', '🧪', '\ud7ff', '..']
hostile_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(ENGINE_SYNTAX), max_size=30).map(" ".join),
    st.lists(st.sampled_from(ENGINE_SYNTAX), max_size=60).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=MAX_QUERY_LENGTH - 5, max_size=MAX_QUERY_LENGTH),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["Indium", "NEAR(", "\"a", "*"]), st.integers(1, 120)),
)


@pytest.fixture
def wsgi_schema(backend, monkeypatch, taxonomy):  # noqa: F811 -- taxonomy is the imported fixture
    serve_from(monkeypatch, backend)
    # Requests go straight through the WSGI handler, whose request signals close the database
    # connection; the test's transaction lives on it (PostgreSQL in the stack session). Django's
    # test client detaches the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("operation_id", ["search", "partners", "suggest"])
def test_generated_requests_get_documented_answers_and_never_a_server_error(wsgi_schema, operation_id, request):
    operation = wsgi_schema.find_operation_by_id(operation_id) if hasattr(wsgi_schema, "find_operation_by_id") \
        else wsgi_schema.get_operation_by_id(operation_id)
    name = request.node.name

    @FUZZ
    @given(case=operation.as_strategy())
    def check(case):
        CASES[name] += 1
        response = case.call()
        assert response.status_code < 500, (case.query, response.text[:500])
        case.validate_response(response)  # a documented status, the documented content type and schema
        if response.status_code == 400:
            assert response.json()["error"]

    check()


def _hostile_query(backend, text, page, sort, facet, value):
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    params["q"] = text
    for name, given_value in (("page", page), ("sort", sort)):
        if given_value is not None:
            params[name] = given_value
    params.appendlist(facet, value)
    try:
        query = parse_query(params)
    except InvalidSearch as exc:
        assert str(exc)
        return "refused"
    results = backend.search(query)
    assert results.total >= 0 and len(results.hits) <= query.page_size
    return "searched"


def test_hostile_text_is_refused_clearly_or_searched_on_the_backend(backend, request):
    outcomes: Counter = Counter()

    @FUZZ
    @given(data=st.data())
    def check(data):
        outcome = _hostile_query(
            backend, data.draw(hostile_text),
            data.draw(st.one_of(st.none(), st.text(max_size=6), st.integers(-3, 120).map(str))),
            data.draw(st.sampled_from([None, "relevance", "date", "DATE", "", "rank()"])),
            data.draw(st.sampled_from([facet.name for facet in FACETS])), data.draw(hostile_text))
        outcomes[outcome] += 1
        CASES[request.node.name] += 1

    check()
    assert outcomes["searched"] > 0


def test_report_the_number_of_fuzz_cases_run(capsys):  # last in the module: runs after the fuzzing
    with capsys.disabled():
        print("\nfuzz cases run:", dict(CASES), "total", sum(CASES.values()))
