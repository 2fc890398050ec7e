"""Restricted content never leaks: canaries probed through every public surface, on both backends.

Each canary (see conftest.py) is a made-up word standing only in content
the viewer may not see.  Every surface is asked for it as an anonymous
visitor and as a member outside the group "Vorstand"; nothing of a canary
may appear in any response, in any case, not even as a count.  Where a
surface echoes what was asked (a search for the canary), the response must
equal, byte for byte, the response for a word that stands nowhere.  Positive
controls show that the probes find what a viewer may see.

The tally of probes per surface and viewer is printed after the run
("leak probes").
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from tests.integration.security.conftest import (
    GROUP_PAGE, MEMBERS_ONLY, MEMBERS_PDF, MEMBERS_TITLE, NOT_FOR_MEMBERS, PASSWORD_PAGE, PRIVATE_DOCUMENT,
    PROBES, PUBLIC_CANARIES, PUBLIC_PDF, PUBLIC_TITLE, RESTRICTED, TAG, TAG_SLUG,
)

pytestmark = pytest.mark.django_db

NOWHERE = "Quarkwolpertinger"  # stands in no content: what a hidden canary must look like


def hidden_from(viewer: str) -> tuple[str, ...]:
    return RESTRICTED if viewer == "anonymous" else NOT_FOR_MEMBERS


def member(username: str, *groups: str) -> User:
    user = User.objects.filter(username=username).first() or User.objects.create_user(username, password="pw")
    for name in ("Members", *groups):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def client_for(viewer: str) -> Client:
    client = Client(headers={"Accept-Language": "de"})
    if viewer == "member":
        client.force_login(member("andere-gruppe"))
    elif viewer == "vorstand":
        client.force_login(member("vorstand", "Vorstand"))
    return client


# --- checks --------------------------------------------------------------------------------

_CSRF = re.compile(r'(csrfmiddlewaretoken" value=")[^"]+|(nonce=")[^"]+')


def assert_no_canary(text: str, hidden: tuple[str, ...], where: str, vocabulary_allowed: bool = False) -> None:
    """No hidden canary in ``text``, whatever its case.

    ``vocabulary_allowed``: the metal's label may stand in the <option>s of a
    listing's filter (the whole vocabulary, without counts), nowhere else.
    """
    if vocabulary_allowed:
        text = re.sub(r"<select\b.*?</select>", "", text, flags=re.S)
    lowered = text.lower()
    found = [canary for canary in hidden if canary.lower() in lowered]
    assert not found, f"{where}: {found} leaked"


def normalised(text: str, asked: str) -> str:
    """``text`` with the echo of what was asked and the per-request tokens blanked."""
    return _CSRF.sub(r"\1\2", text).replace(asked, "<asked>")


def echoes_only(get: Callable[[str], str], canary: str, where: str) -> None:
    """The response for ``canary`` is the response for a word that stands nowhere, but for the echo."""
    for asked, control in ((canary, NOWHERE), (canary.lower(), NOWHERE.lower()), (canary[:-1], NOWHERE[:-1])):
        seen, expected = normalised(get(asked), asked), normalised(get(control), control)
        assert seen == expected, f"{where} q={asked!r} differs from a query for a word that stands nowhere"


# --- the surfaces: each makes its requests and checks them for the viewer's hidden canaries -----

def probe_search_html(client, site, hidden) -> Iterator[str]:
    def get(text: str) -> str:
        response = client.get("/search/", {"q": text})
        assert response.status_code == 200
        return response.content.decode()

    for canary in hidden:
        echoes_only(get, canary, "/search/")
        # beside a word public items hold, a hidden word is left out as one no item holds (search.service):
        # the page is the one for a word that stands nowhere
        echoes_only(lambda word: get(f"Gallium {word}"), canary, "/search/ beside Gallium")
        yield canary
    for params in ({}, {"q": "Gallium"}, {"q": "Gallium", "sort": "date"}):
        response = client.get("/search/", params)
        assert_no_canary(response.content.decode(), hidden, f"/search/ {params}")
        yield str(params)
    if TAG in hidden:
        assert f'value="{TAG_SLUG}"' not in client.get("/search/").content.decode()
        # Filtering by the metal itself: nothing found, as for a slug that exists nowhere (the label
        # of the value the visitor chose is the public vocabulary, shown with a count of 0).
        chosen = client.get("/search/", {"metal": TAG_SLUG}).content.decode().replace(TAG, TAG_SLUG)
        nowhere = client.get("/search/", {"metal": "zz"}).content.decode()
        assert normalised(chosen, TAG_SLUG) == normalised(nowhere, "zz")
        yield "metal=uo"


def probe_search_api(client, site, hidden) -> Iterator[str]:
    def get(text: str) -> str:
        response = client.get("/api/v1/search", {"q": text})
        assert response.status_code == 200
        return response.content.decode()

    for canary in hidden:
        echoes_only(get, canary, "/api/v1/search")
        echoes_only(lambda word: get(f"Gallium {word}"), canary, "/api/v1/search beside Gallium")
        body = client.get("/api/v1/search", {"q": canary}).json()
        assert (body["total"], body["results"], body["did_you_mean"], body["corrected_from"], body["promoted"]) == (
            0, [], None, None, [])
        assert all(not values for values in body["facets"].values()), body["facets"]
        yield canary
    for params in ({}, {"q": "Gallium"}, {"q": "Gallium", "sort": "date"}):
        response = client.get("/api/v1/search", params)
        assert_no_canary(response.content.decode(), hidden, f"/api/v1/search {params}")
        yield str(params)
    if TAG in hidden:
        everything = client.get("/api/v1/search").json()
        assert TAG_SLUG not in {value["value"] for value in everything["facets"]["metal"]}
        chosen = client.get("/api/v1/search", {"metal": TAG_SLUG}).content.decode().replace(TAG, TAG_SLUG)
        nowhere = client.get("/api/v1/search", {"metal": "zz"}).content.decode()
        assert normalised(chosen, TAG_SLUG) == normalised(nowhere, "zz")
        yield "metal=uo"


def probe_search_scoped(client, site, hidden) -> Iterator[str]:
    """Searches within a public project and within an edition, and within the scopes of restricted pages.

    Inside a scope a canary looks like a word that stands nowhere; the scope
    of a page the viewer may not see looks like a scope that names nothing
    (its slug, echoed, is the only difference).
    """
    public = (site.pages["sonnenkupfer"].search_scope, site.pages["symposium"].search_scope)
    for scope in public:
        for path in ("/search/", "/api/v1/search"):
            def get(text: str, path: str = path, scope: str = scope) -> str:
                response = client.get(path, {"q": text, "scope": scope})
                assert response.status_code == 200
                return response.content.decode()

            for canary in hidden:
                echoes_only(get, canary, f"{path}?scope={scope}")
                yield f"{path} {scope} q={canary}"
            for params in ({}, {"q": "Gallium"}, {"q": "Gallium", "sort": "date"}, {"q": "Gallium", "metal": "ga"}):
                response = client.get(path, {**params, "scope": scope})
                assert response.status_code == 200
                assert_no_canary(response.content.decode(), hidden, f"{path}?scope={scope} {params}")
                yield f"{path} {scope} {params}"
    restricted = [page for page in site.pages.values()
                  if getattr(page, "search_scope", "") and any(canary.lower() in page.title.lower() for canary in hidden)]
    assert restricted  # the members-only project and edition at least, for every viewer the group's project
    nowhere = NOWHERE.lower()
    for page in restricted:
        kind, slug = page.search_scope.split(":")
        for path in ("/search/", "/api/v1/search"):
            for params in ({}, {"q": "Gallium"}):
                seen = client.get(path, {**params, "scope": f"{kind}:{slug}"}).content.decode()
                expected = client.get(path, {**params, "scope": f"{kind}:{nowhere}"}).content.decode()
                assert_no_canary(seen, hidden, f"{path}?scope={kind}:{slug}")
                assert normalised(seen, slug) == normalised(expected, nowhere), f"{path}?scope={kind}:{slug} {params}"
                yield f"{path} {kind}:{slug} {params}"


def probe_suggest(client, site, hidden) -> Iterator[str]:
    for canary in hidden:
        for end in range(5, len(canary) + 1):
            for typed in (canary[:end], canary[:end].lower(), canary[:end].upper()):
                response = client.get("/api/v1/suggest", {"q": typed})
                assert response.status_code == 200
                suggestions = response.json()["suggestions"]
                assert_no_canary(str(suggestions), hidden, f"/api/v1/suggest?q={typed}")
                if end >= 8:  # no public word starts like this: nothing at all may be suggested
                    assert suggestions == [], (typed, suggestions)
                yield typed


def probe_related(client, site, hidden) -> Iterator[str]:
    for name in ("sonnenkupfer", "technology"):
        response = client.get(site.pages[name].url)
        assert response.status_code == 200
        assert_no_canary(response.content.decode(), hidden, site.pages[name].url, vocabulary_allowed=True)
        yield name


def probe_feeds(client, site, hidden) -> Iterator[str]:
    for url in ("/feeds/news.rss", "/feeds/news.atom"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Workshop Gallium" in body  # the public article is there
        assert_no_canary(body, hidden, url)
        yield url


def probe_sitemap(client, site, hidden) -> Iterator[str]:
    body = client.get("/sitemap.xml").content.decode()
    assert site.pages["sonnenkupfer"].url in body
    assert_no_canary(body, hidden, "/sitemap.xml")
    for name, page in site.pages.items():
        if any(canary.lower() in page.title.lower() for canary in hidden):
            assert page.url not in body, f"{page.url} listed in the sitemap"
    yield "/sitemap.xml"


def probe_pages_api(client, site, hidden) -> Iterator[str]:
    for params in ({"limit": 20}, {"limit": 20, "type": "projects.ProjectPage", "fields": "*"},
                   {"limit": 20, "type": "news.NewsArticlePage", "fields": "*"}):
        listing = client.get("/api/v2/pages/", params)
        assert listing.status_code == 200, listing.content
        assert_no_canary(listing.content.decode(), hidden, f"/api/v2/pages/ {params}")
        yield str(params)
    for name, page in site.pages.items():
        response = client.get(f"/api/v2/pages/{page.pk}/")
        if any(canary.lower() in page.title.lower() for canary in hidden):
            assert response.status_code == 404, name
        assert_no_canary(response.content.decode(), hidden, f"/api/v2/pages/{page.pk}/")
        yield name
    for canary in hidden:
        def get(text: str) -> str:
            return client.get("/api/v2/pages/", {"search": text}).content.decode()

        echoes_only(get, canary, "/api/v2/pages/?search=")
        yield canary


def probe_directory(client, site, hidden) -> Iterator[str]:
    for url in ("/members/", f"/members/{site.institution_slug}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_no_canary(response.content.decode(), hidden, url, vocabulary_allowed=True)
        yield url


def probe_documents(client, site, hidden) -> Iterator[str]:
    restricted = {"members": MEMBERS_PDF, "private": PRIVATE_DOCUMENT}
    for name, canary in restricted.items():
        if canary not in hidden:
            continue
        response = client.get(site.documents[name].url)
        assert response.status_code in (302, 403, 404), f"{name} PDF served with {response.status_code}"
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))
        yield name


def probe_home(client, site, hidden) -> Iterator[str]:
    body = client.get("/").content.decode()
    assert_no_canary(body, hidden, "/")
    if set(MEMBERS_ONLY) <= set(hidden):  # the figures count what the viewer may see, nothing more
        section = re.search(r'<section class="figures".*?</section>', body, re.S).group(0)
        members, projects, documents = re.findall(r"<strong>(\d+)</strong>", section)
        assert (projects, documents) == ("1", str(site.public_documents)), section
    yield "/"


def probe_listings(client, site, hidden) -> Iterator[str]:
    for url, params in (("/projekte/", {}), ("/projekte/", {"metal": TAG_SLUG}), ("/projekte/", {"metal": "ga"}),
                        ("/projekte/", {"status": "running"}), ("/projekte/", {"process": "leaching"}),
                        ("/technologien/", {}), ("/technologien/", {"metal": "ga"}), ("/veranstaltungen/", {}),
                        ("/veranstaltungen/", {"kind": "symposium"}), ("/aktuelles/", {})):
        response = client.get(url, params)
        assert response.status_code == 200
        assert_no_canary(response.content.decode(), hidden, f"{url} {params}", vocabulary_allowed=True)
        yield f"{url}{params}"


def probe_restricted_urls(client, site, hidden) -> Iterator[str]:
    """The restricted pages' own addresses and an unknown one: a login redirect, a password form, a 404."""
    for name, page in site.pages.items():
        if any(canary.lower() in page.title.lower() for canary in hidden):
            response = client.get(page.url)
            assert response.status_code in (200, 302, 403, 404), name
            assert_no_canary(response.content.decode(), hidden, page.url)
            yield name
    response = client.get(f"/gibt-es-nicht/{site.pages['mondstaub'].slug}/")
    assert response.status_code == 404
    assert_no_canary(response.content.decode(), hidden, "404 page")
    yield "404"


SURFACES = {
    "search_html": probe_search_html,
    "search_api": probe_search_api,
    "search_scoped": probe_search_scoped,
    "suggest_api": probe_suggest,
    "related_content": probe_related,
    "feeds": probe_feeds,
    "sitemap": probe_sitemap,
    "pages_api_v2": probe_pages_api,
    "member_directory": probe_directory,
    "document_serving": probe_documents,
    "home_page": probe_home,
    "listings": probe_listings,
    "restricted_urls_404": probe_restricted_urls,
}


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
@pytest.mark.parametrize("surface", list(SURFACES))
def test_no_canary_leaks(leak_site, surface, viewer):
    client = client_for(viewer)
    for _ in SURFACES[surface](client, leak_site, hidden_from(viewer)):
        PROBES[(surface, viewer)] += 1


# --- positive controls: the probes can fail ------------------------------------------------

def found(client: Client, text: str) -> int:
    """How many projects and documents ``text`` finds (an institution's entry lists its projects too)."""
    results = client.get("/api/v1/search", {"q": text}).json()["results"]
    return sum(1 for hit in results if hit["type"] in ("project", "document"))


def test_everyone_finds_the_public_canaries(leak_site):
    for viewer in ("anonymous", "member", "vorstand"):
        client = client_for(viewer)
        for canary in PUBLIC_CANARIES:
            assert found(client, canary) == 1, (viewer, canary)
            assert canary in client.get("/search/", {"q": canary}).content.decode()
        assert PUBLIC_TITLE in str(client.get("/api/v1/suggest", {"q": PUBLIC_TITLE[:6]}).json())


def test_a_search_within_a_project_or_an_edition_finds_what_it_holds(leak_site):
    project, edition = leak_site.pages["sonnenkupfer"].search_scope, leak_site.pages["symposium"].search_scope
    for viewer in ("anonymous", "member"):
        client = client_for(viewer)
        body = client.get("/api/v1/search", {"q": PUBLIC_PDF, "scope": project}).json()
        assert [hit["title"] for hit in body["results"]] == [leak_site.pages["sonnenkupfer"].title], viewer
        assert body["scope"]["label"] == leak_site.pages["sonnenkupfer"].title
        assert client.get("/api/v1/search", {"q": PUBLIC_PDF, "scope": edition}).json()["total"] == 0
        assert [hit["title"] for hit in client.get("/api/v1/search", {"scope": edition}).json()["results"]] == [
            "Symposium Gallium"]
    member = client_for("member").get("/api/v1/search", {"q": MEMBERS_PDF, "scope": "project:mondstaub"}).json()
    assert (member["total"], member["scope"]["label"]) == (1, leak_site.pages["mondstaub"].title)


def test_a_member_finds_the_members_only_canaries(leak_site):
    client = client_for("member")
    for canary in (MEMBERS_TITLE, MEMBERS_PDF, PRIVATE_DOCUMENT):
        assert found(client, canary) == 1, canary
    assert MEMBERS_TITLE in str(client.get("/api/v1/suggest", {"q": MEMBERS_TITLE[:8]}).json())
    assert TAG_SLUG in {v["value"] for v in client.get("/api/v1/search").json()["facets"]["metal"]}


def test_a_member_of_vorstand_finds_its_page_and_nobody_finds_the_password_page(leak_site):
    assert found(client_for("vorstand"), GROUP_PAGE) == 1
    for viewer in ("anonymous", "member", "vorstand"):
        assert found(client_for(viewer), PASSWORD_PAGE) == 0, viewer
