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


def test_a_scope_is_read_lower_cased_and_blank_means_everything():
    assert q("scope=project:inrec").scope == "project:inrec"
    assert q("scope=Edition:Symposium-2023").scope == "edition:symposium-2023"
    assert q("scope=project:inrec&scope=project:inrec").scope == "project:inrec"
    assert q("scope=").scope is None and q("").scope is None


@pytest.mark.parametrize("query_string", ["scope=inrec", "scope=institution:tu-harz", "scope=project:",
                                          "scope=project:a%20b", "scope=project:inrec:2"])
def test_a_malformed_scope_is_refused_naming_the_forms(query_string):
    with pytest.raises(InvalidSearch, match=r"'scope' must be project:<slug> or edition:<slug>"):
        q(query_string)


def test_only_one_scope_is_searched():
    with pytest.raises(InvalidSearch, match="once"):
        q("scope=project:inrec&scope=edition:symposium-2023")
