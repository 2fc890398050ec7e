"""Counting an institution's works per year (the pages stand in as objects with a date; no database)."""

import datetime as dt
from types import SimpleNamespace

from portal.network.collaboration import YearRow, works_by_year


def item(year: int | None):
    return SimpleNamespace(search_date=lambda: dt.date(year, 5, 1) if year else None)


def test_each_kind_counts_per_year_oldest_first_and_the_years_between_are_zeros():
    rows = works_by_year({"projects": [item(2021), item(2021), item(2024)], "papers": [item(2022)],
                          "technologies": [item(2024)]})
    assert rows == [YearRow(2021, projects=2), YearRow(2022, papers=1), YearRow(2023),
                    YearRow(2024, projects=1, technologies=1)]
    assert [row.total for row in rows] == [2, 1, 0, 2]
    assert rows[-1].counts == (1, 0, 1)


def test_undated_work_comes_last_in_a_row_of_its_own():
    rows = works_by_year({"projects": [item(None), item(2020)], "papers": [item(None)]})
    assert rows == [YearRow(2020, projects=1), YearRow(None, projects=1, papers=1)]


def test_a_very_long_span_is_not_filled():
    rows = works_by_year({"projects": [item(1950), item(2020)]})
    assert [row.year for row in rows] == [1950, 2020]


def test_nothing_no_rows():
    assert works_by_year({}) == [] and works_by_year({"projects": []}) == []
