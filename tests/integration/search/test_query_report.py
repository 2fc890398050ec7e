"""The query log and the "Search queries" report: what visitors look for, and what they do not find.

Every fresh search through the page or the API (page 1, no filters) counts
once for its normalised text and day, with whether it found nothing.
Editors, Moderators and superusers read the counts of the last 7, 30 or
365 days in the admin; nothing identifies who searched.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import re
import time

import pytest
from django.contrib.auth.models import Permission, User
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.users.models import UserProfile

from search import query_log
from search.models import QueryDay
from search.query import SearchQuery
from search.query_log import record_query
from tests.e2e.admin_flow import editor, moderator
from tests.integration.search.test_suggest import serve_from

pytestmark = pytest.mark.django_db

REPORT = reverse("search_admin:report")


def counts() -> dict[str, tuple[int, int]]:
    """text -> (searches, searches without results), over all days."""
    return {row.text: (row.searches, row.searches_without_results) for row in query_log.most_frequent(dt.date.min)}


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def logged(text: str, days: int, searches: int, without_results: int = 0) -> QueryDay:
    return QueryDay.objects.create(text=text, date=days_ago(days), searches=searches,
                                   searches_without_results=without_results)


def in_english(user: User) -> Client:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def text_of(html: str) -> str:
    return html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def table(html: str, name: str) -> list[list[str]]:
    """The body rows of the report table ``name``, as the cells' visible text."""
    body = re.search(rf'<table class="listing" data-query-table="{name}">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body, f"no {name} table"
    return [[text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]


@pytest.fixture
def search(client, backend, monkeypatch):
    """Search as a visitor would, on the page or through the API."""
    serve_from(monkeypatch, backend)

    def get(where: str = "page", **params) -> int:
        response = client.get("/search/" if where == "page" else "/api/v1/search", params)
        assert response.status_code == 200, response.content[:500]
        return response

    return get


# --- recording -----------------------------------------------------------------------------


def test_each_search_is_counted_with_whether_it_found_anything(search):
    search(q="Indium")
    search(q="indium ")
    search("api", q="INDIUM")
    search(q="Xylophonrecycling")
    search("api", q="xylophonrecycling")
    assert counts() == {"indium": (3, 0), "xylophonrecycling": (2, 2)}
    assert set(QueryDay.objects.values_list("date", flat=True)) == {timezone.localdate()}


def test_paging_and_narrowing_a_search_are_not_counted_again(search):
    search(q="Indium")
    search(q="Indium", page="2")
    search("api", q="Indium", page="2")
    search(q="Indium", metal="in")
    search("api", q="Indium", metal="cu", process="leaching")
    assert counts() == {"indium": (1, 0)}


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\t"}, {"metal": "in"}])
def test_an_empty_query_is_not_logged(search, params):
    search(**params)
    search("api", **params)
    assert query_log.flush() == 0
    assert not QueryDay.objects.exists()


def test_refused_queries_are_not_logged(client):
    assert client.get("/search/", {"q": "Indium", "page": "null"}).status_code == 400
    assert client.get("/api/v1/search", {"q": "x" * 600}).status_code == 400
    assert query_log.flush() == 0
    assert not QueryDay.objects.exists()


def test_long_texts_are_cut_and_control_characters_dropped():
    record_query("Kupfer " * 70, 3)
    record_query("Zinn\x00oxid", 0)
    query_log.flush()
    texts = set(QueryDay.objects.values_list("text", flat=True))
    assert {len(text) for text in texts} == {255, len("zinnoxid")}
    assert "zinnoxid" in texts


def test_nothing_that_identifies_the_visitor_is_stored(search, django_user_model):
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Testbrowser")
    client.force_login(django_user_model.objects.create_user("mitglied", password="x"))
    client.get("/search/", {"q": "Indium"})
    query_log.flush()
    assert {field.name for field in QueryDay._meta.get_fields()} == {
        "id", "text", "date", "searches", "searches_without_results"}
    row = QueryDay.objects.get()
    assert (row.text, row.searches) == ("indium", 1)


def test_a_search_writes_nothing_and_its_count_appears_when_the_log_is_flushed(search):
    with CaptureQueriesContext(connection) as queries:
        search("api", q="Indium")
        search(q="Gallium")
    assert not [query["sql"] for query in queries if QueryDay._meta.db_table in query["sql"]]
    assert query_log.pending() == 2 and not QueryDay.objects.exists()
    assert query_log.flush() == 2
    assert query_log.pending() == 0
    assert {row.text: row.searches for row in QueryDay.objects.all()} == {"indium": 1, "gallium": 1}


def test_the_report_shows_the_searches_this_process_has_not_written_yet(search):
    search(q="Indium")
    html = in_english(editor()).get(REPORT).content.decode()
    assert table(html, "frequent")[0][:3] == ["indium", "1", "0"]


def test_flushes_add_to_the_days_row_whoever_wrote_it_first(search):
    logged("indium", 0, 5, without_results=1)  # written by another process
    search(q="Indium")
    query_log.flush()
    record_query("INDIUM", 0)
    record_query("Xylophonrecycling", 0)
    query_log.flush()
    assert counts() == {"indium": (7, 2), "xylophonrecycling": (1, 1)}


def test_the_buffer_is_written_when_it_holds_max_pending_searches(settings):
    settings.PORTAL_QUERY_LOG_MAX_PENDING = 3
    record_query("Indium", 1)
    record_query("Gallium", 1)
    assert not QueryDay.objects.exists()
    record_query("Indium", 1)  # the third: this call writes all three
    assert query_log.pending() == 0
    assert {row.text: row.searches for row in QueryDay.objects.all()} == {"indium": 2, "gallium": 1}


def test_the_buffer_is_written_when_the_process_exits():
    record_query("Germanium", 0)
    query_log._at_exit()  # registered with atexit: gunicorn's graceful stop, max_requests restarts
    assert counts() == {"germanium": (1, 1)}


@pytest.mark.django_db(transaction=True)
def test_a_background_thread_writes_the_buffer_every_few_seconds(settings):
    settings.PORTAL_QUERY_LOG_FLUSH_SECONDS = 0.05
    try:
        record_query("Tantal", 3)
        deadline = time.monotonic() + 10
        while query_log.pending() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert query_log.pending() == 0
        assert QueryDay.objects.filter(text="tantal", searches=1).exists()
    finally:
        query_log._stop_flusher()


def test_a_database_error_is_logged_the_counts_kept_and_the_search_still_answered(search, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("search.query_log._write", broken)
    response = search(q="Indium")
    assert b'id="result-count"' in response.content
    assert search("api", q="Indium").json()["total"] > 0
    assert query_log.flush() == 0
    assert "Could not write 1 search queries; kept for the next attempt" in caplog.text
    # the caller's transaction is still usable
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    monkeypatch.undo()
    assert query_log.flush() == 2
    assert counts() == {"indium": (2, 0)}


def test_a_fresh_search_is_page_1_of_a_text_without_filters():
    assert query_log.is_fresh_search(SearchQuery(text="Indium"))
    assert not query_log.is_fresh_search(SearchQuery(text="Indium", page=2))
    assert not query_log.is_fresh_search(SearchQuery(text="Indium", filters={"metal": ("in",)}))
    assert not query_log.is_fresh_search(SearchQuery(text="  "))


def test_old_counts_are_pruned():
    logged("indium", 0, 2)
    logged("indium", 399, 1)
    logged("gallium", 400, 5)
    assert query_log.prune() == 1
    assert counts() == {"indium": (3, 0)}


# --- the report ----------------------------------------------------------------------------


@pytest.fixture
def history():
    logged("indium", 1, 12)
    logged("indium", 10, 8)
    logged("gallium", 2, 5, without_results=1)
    logged("tantal", 0, 4, without_results=4)
    logged("seltene erden magnete", 3, 3, without_results=3)
    logged("xylophon", 20, 2, without_results=2)
    logged("=hyperlink(\"http://example.org\")", 5, 1, without_results=1)
    logged("kobalt", 100, 30, without_results=6)


def test_editors_see_the_most_frequent_queries_and_those_without_results(history):
    html = in_english(editor()).get(REPORT).content.decode()  # the last 30 days by default
    assert table(html, "frequent") == [
        ["indium", "20", "0", "Promote a result"],
        ["gallium", "5", "1", "Promote a result"],
        ["tantal", "4", "4", "Promote a result"],
        ["seltene erden magnete", "3", "3", "Promote a result"],
        ["xylophon", "2", "2", "Promote a result"],
        ['=hyperlink("http://example.org")', "1", "1", "Promote a result"],
    ]
    without = table(html, "without-results")
    assert [row[:2] for row in without] == [["tantal", "4"], ["seltene erden magnete", "3"], ["xylophon", "2"],
                                            ["gallium", "1"], ['=hyperlink("http://example.org")', "1"]]
    assert without[0][2] == timezone.localdate().strftime("%m/%d/%Y")  # last searched
    assert "kobalt" not in html  # 100 days ago


def test_each_query_links_to_its_public_search_and_to_promoting_a_result(history):
    SearchPromotion.objects.create(query=Query.get("indium"), external_link_url="https://example.org/indium",
                                   external_link_text="Indium")
    html = in_english(moderator()).get(REPORT).content.decode()
    assert '<a href="/search/?q=seltene+erden+magnete" target="_blank" rel="noopener">seltene erden magnete</a>' in html
    assert f'href="{reverse("search_admin:promote")}?q=seltene+erden+magnete"' in html
    assert table(html, "frequent")[0] == ["indium", "20", "0", "Edit promoted results"]


def test_the_period_is_selectable(history):
    client = in_english(editor())
    week = client.get(REPORT, {"period": "7"}).content.decode()
    assert [row[0] for row in table(week, "frequent")] == [
        "indium", "gallium", "tantal", "seltene erden magnete", '=hyperlink("http://example.org")']
    assert 'aria-current="page">Last 7 days<' in week
    year = client.get(REPORT, {"period": "365"}).content.decode()
    assert table(year, "frequent")[0] == ["kobalt", "30", "6", "Promote a result"]
    assert table(year, "without-results")[0][:2] == ["kobalt", "6"]
    month = client.get(REPORT, {"period": "30"}).content.decode()
    assert table(month, "frequent")[0] == ["indium", "20", "0", "Promote a result"]
    # anything else is the default month
    assert table(client.get(REPORT, {"period": "9999"}).content.decode(), "frequent") == table(month, "frequent")


def test_an_empty_period_says_so():
    html = in_english(editor()).get(REPORT).content.decode()
    assert "No searches in this period." in html and "Every search in this period found something." in html


def test_the_report_speaks_german_by_default(history):
    client = Client()
    client.force_login(editor())
    text = text_of(client.get(REPORT).content.decode())
    for phrase in ("Suchanfragen", "Häufigste Suchanfragen", "Suchanfragen ohne Ergebnis", "Letzte 7 Tage",
                   "Zuletzt gesucht", "Ergebnis empfehlen"):
        assert phrase in text, phrase


def test_the_tables_download_as_csv_without_formulas(history):
    client = in_english(editor())
    response = client.get(REPORT, {"period": "30", "export": "csv", "table": "without-results"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="search-queries-without-results-30-days.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Query", "Times", "Last searched"]
    assert rows[1] == ["tantal", "4", timezone.localdate().isoformat()]
    assert ["'=hyperlink(\"http://example.org\")", "1", days_ago(5).isoformat()] in rows
    frequent = list(csv.reader(io.StringIO(client.get(REPORT, {"period": "365", "export": "csv",
                                                               "table": "frequent"}).content.decode("utf-8-sig"))))
    assert frequent[0] == ["Query", "Searches", "Searches without results"] and frequent[1] == ["kobalt", "30", "6"]
    assert client.get(REPORT, {"export": "csv", "table": "users"}).status_code == 404


# --- who may see it --------------------------------------------------------------------------


def test_the_report_is_in_the_reports_menu_for_editors_moderators_and_superusers(reader):
    superuser = User.objects.create_superuser("chef", "chef@example.org", "not-a-real-password-123")
    for user in (editor(), moderator(), superuser):
        client = in_english(user)
        assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode(), user
        assert client.get(REPORT).status_code == 200
    assert REPORT not in in_english(reader).get(reverse("wagtailadmin_home")).content.decode()
    # Wagtail's own "Search terms" report counts what the portal does not record: not offered.
    home = in_english(superuser).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsearchpromotions:search_terms") not in home


def test_anyone_else_is_refused(history, reader):
    anonymous = Client().get(REPORT)
    assert anonymous.status_code == 302 and reverse("wagtailadmin_login") in anonymous["Location"]
    client = in_english(reader)
    response = client.get(REPORT)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.get(REPORT, {"export": "csv", "table": "frequent"}).status_code == 302
    assert client.get(REPORT, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    assert client.get(reverse("search_admin:promote"), {"q": "indium"}).status_code == 302
    visitor = Client()
    visitor.force_login(User.objects.create_user("mitglied", password="x"))  # a member, not an editor
    assert visitor.get(REPORT).status_code == 302


def test_without_permission_to_promote_there_is_no_promote_link(history, reader):
    reader.groups.first().permissions.add(Permission.objects.get(codename="view_queryday"))
    html = in_english(reader).get(REPORT).content.decode()
    assert table(html, "frequent")[0] == ["indium", "20", "0", ""]
    assert reverse("search_admin:promote") not in html
