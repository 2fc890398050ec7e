"""Bounds on what a search request may ask for: page size, values per facet, parameters in all."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from search.query import MAX_FILTER_VALUES, MAX_PAGE_SIZE, MAX_PARAMETERS, PAGE_SIZE
from search.service import InvalidSearch, parse_query


def query(text: str):
    return parse_query(QueryDict(text))


def test_page_size_defaults_to_ten_and_may_be_chosen_up_to_fifty():
    assert query("q=Indium").page_size == PAGE_SIZE == 10
    assert query("page_size=1").page_size == 1
    assert query(f"page_size={MAX_PAGE_SIZE}").page_size == 50


@pytest.mark.parametrize("value", ["0", "51", "-1", "1e3", "zehn", "9" * 5000])
def test_a_page_size_out_of_bounds_is_refused_naming_the_parameter(value):
    with pytest.raises(InvalidSearch, match="'page_size' must be a whole number between 1 and 50"):
        query(f"page_size={value}")


def test_at_most_twenty_values_of_one_facet():
    assert len(query("&".join(f"metal=m{i}" for i in range(MAX_FILTER_VALUES))).filters["metal"]) == 20
    with pytest.raises(InvalidSearch, match="At most 20 values of 'metal'"):
        query("&".join(f"metal=m{i}" for i in range(MAX_FILTER_VALUES + 1)))


def test_a_request_the_document_allows_is_never_refused_for_its_parameter_count():
    # Found by the schema fuzzing: every facet at its limit, plus the other parameters, must pass.
    from search.facets import FACETS

    full = "&".join(f"{facet.name}=v{i}" for facet in FACETS for i in range(MAX_FILTER_VALUES))
    assert query(f"{full}&q=x&page=2&page_size=5&sort=date&correct=0").page == 2


def test_at_most_a_bounded_number_of_parameter_values_in_all():
    with pytest.raises(InvalidSearch, match="Too many parameters"):
        query("&".join(f"x{i}=1" for i in range(MAX_PARAMETERS + 1)))


@pytest.mark.django_db
def test_the_api_answers_a_clear_400(client):
    response = client.get("/api/v1/search", {"page_size": "500"})
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]
