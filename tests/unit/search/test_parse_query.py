"""Request parameters become a validated SearchQuery, or a clear error."""

import pytest
from django.http import QueryDict

from search.query import MAX_PAGE, MAX_QUERY_LENGTH
from search.service import InvalidSearch, parse_query


def q(query_string: str):
    return parse_query(QueryDict(query_string))


def test_text_and_facets_are_read():
    query = q("q=Indium+LCD&metal=in&metal=SN&process=leaching&page=2")
    assert query.text == "Indium LCD"
    assert query.filters == {"metal": ("in", "sn"), "process": ("leaching",)}
    assert query.page == 2


def test_defaults_are_the_first_page_of_everything_public():
    query = q("")
    assert (query.text, query.filters, query.page, query.viewer_groups) == ("", {}, 1, ("public",))


def test_repeated_and_blank_facet_values_are_dropped():
    assert q("metal=cu&metal=cu&metal=&metal=%20").filters == {"metal": ("cu",)}


@pytest.mark.parametrize(
    "query_string, message",
    [
        ("page=zwei", "whole number"),
        ("page=0", "between 1"),
        (f"page={MAX_PAGE + 1}", "between 1"),
        ("metal=<script>", "not a valid value"),
        ("institution=a%20b", "not a valid value"),
        ("q=" + "x" * (MAX_QUERY_LENGTH + 1), "too long"),
    ],
)
def test_bad_parameters_are_refused_with_a_reason(query_string, message):
    with pytest.raises(InvalidSearch, match=message):
        q(query_string)


def test_malformed_query_syntax_is_not_an_error_here():
    # Syntax is the backend's business: it must treat any text as words.
    assert q('q=%22unbalanced+((+AND+OR').text == '"unbalanced (( AND OR'
