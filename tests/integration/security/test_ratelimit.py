"""Rate limits on the JSON APIs and on login (portal/core/ratelimit.py): 429 with Retry-After beyond the limit.

The test settings set limits no test reaches; these tests set their own.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from portal.core.ratelimit import Rate, client_address, hit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@override_settings(PORTAL_RATE_LIMITS={"search": "3/60"})
def test_the_search_api_answers_429_with_retry_after_and_a_json_error_beyond_the_limit(client):
    for _ in range(3):  # counted whatever the answer (here a 400, which needs no search engine)
        assert client.get("/api/v1/search", {"page": "0"}).status_code == 400
    refused = client.get("/api/v1/search", {"page": "0"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "retry after" in refused.json()["error"]
    # another address has its own count
    assert client.get("/api/v1/search", {"page": "0"}, REMOTE_ADDR="192.0.2.7").status_code == 400


@override_settings(PORTAL_RATE_LIMITS={"suggest": "2/60"})
def test_the_suggest_api_is_limited_on_its_own(client):
    assert [client.get("/api/v1/suggest").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/search", {"page": "0"}).status_code == 400  # search is not limited here


@override_settings(PORTAL_RATE_LIMITS={"login": "2/300"})
def test_login_attempts_are_limited_with_a_friendly_page_and_showing_the_form_is_not(client):
    for _ in range(2):
        assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200  # form again
    refused = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/html")
    assert int(refused["Retry-After"]) > 0
    assert "<h1>" in refused.content.decode()
    assert client.get("/admin/login/").status_code == 200  # only POSTs count


@override_settings(PORTAL_TRUSTED_PROXIES=0)
def test_forwarded_for_is_ignored_unless_proxies_are_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "10.0.0.1"


@override_settings(PORTAL_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_wrote():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"


def test_a_window_ends_and_counting_starts_again():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.3")
    rate = Rate(2, 60)
    assert [hit("t", request, rate, now=600.0) for _ in range(3)] == [0, 0, 60]
    assert hit("t", request, rate, now=659.5) == 1
    assert hit("t", request, rate, now=660.0) == 0  # the next window


@pytest.mark.parametrize("text", ["abc", "10", "10/0", "-1/60"])
def test_a_malformed_limit_names_the_setting(text):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="PORTAL_RATE_LIMIT_SEARCH"):
        Rate.parse("search", text)
