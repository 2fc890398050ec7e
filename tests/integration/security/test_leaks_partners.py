"""Partner search leaks nothing restricted: the page at /partner/ and /api/v1/partners, on both backends.

The canaries and viewers are those of ``test_leaks.py``.  Every project of
``leak_site`` names the same institute as partner, so a restricted project
is evidence the partner search could show: its title, its marked passage,
its year, or merely the count of institutions it makes findable.  Asked for
a canary hidden from the viewer, both surfaces must answer byte for byte as
for a word that stands nowhere; asked for public words, no canary may appear
in the evidence.  Positive controls show that members see members-only
evidence.
"""

from __future__ import annotations

import re
from typing import Iterator

import pytest

from tests.integration.security.conftest import (GROUP_PAGE, MEMBERS_TITLE, PROBES, PUBLIC_TITLE, TAG_SLUG)
from tests.integration.security.test_leaks import assert_no_canary, client_for, echoes_only, hidden_from

pytestmark = pytest.mark.django_db

PUBLIC_NEEDS = ({"q": "Gallium"}, {"q": "Gallium aus Schlämmen laugen"}, {"q": "Laugung", "metal": "ga"},
                {"q": "Gallium", "min_trl": "3"}, {"q": "Gallium", "kind": "institute"},
                {"q": "Gallium", "near": "Clausthal-Zellerfeld", "radius_km": "50"}, {"metal": TAG_SLUG})


def probe_partner_page(client, site, hidden) -> Iterator[str]:
    def get(text: str) -> str:
        response = client.get("/partner/", {"q": text})
        assert response.status_code == 200
        # the filters' <select>s list the whole vocabulary, the same for every need (Unobtanium too)
        return re.sub(r"<select\b.*?</select>", "", response.content.decode(), flags=re.S)

    for canary in hidden:
        echoes_only(get, canary, "/partner/")
        yield canary
    for params in PUBLIC_NEEDS:
        response = client.get("/partner/", params)
        assert response.status_code in (200, 400), (params, response.status_code)
        # the metal filter lists the whole vocabulary (Unobtanium too), without counts
        assert_no_canary(response.content.decode(), hidden, f"/partner/ {params}", vocabulary_allowed=True)
        yield str(params)


def probe_partner_api(client, site, hidden) -> Iterator[str]:
    def get(text: str) -> str:
        response = client.get("/api/v1/partners", {"q": text})
        assert response.status_code == 200
        return response.content.decode()

    for canary in hidden:
        echoes_only(get, canary, "/api/v1/partners")
        body = client.get("/api/v1/partners", {"q": canary}).json()
        assert (body["total"], body["results"]) == (0, [])
        yield canary
    for params in PUBLIC_NEEDS:
        response = client.get("/api/v1/partners", params)
        assert response.status_code in (200, 400), (params, response.status_code)
        assert_no_canary(response.content.decode(), hidden, f"/api/v1/partners {params}")
        yield str(params)


SURFACES = {"partner_search_html": probe_partner_page, "partner_search_api": probe_partner_api}


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
@pytest.mark.parametrize("surface", list(SURFACES))
def test_no_canary_leaks_from_partner_search(leak_site, surface, viewer):
    client = client_for(viewer)
    for _ in SURFACES[surface](client, leak_site, hidden_from(viewer)):
        PROBES[(surface, viewer)] += 1


def _evidence_titles(client, text: str) -> set[str]:
    body = client.get("/api/v1/partners", {"q": text}).json()
    return {item["title"] for result in body["results"] for item in result["evidence"]}


def test_public_work_is_evidence_for_everyone(leak_site):
    for viewer in ("anonymous", "member", "vorstand"):
        assert any(PUBLIC_TITLE in title for title in _evidence_titles(client_for(viewer), PUBLIC_TITLE)), viewer


def test_members_see_members_only_evidence_and_the_group_its_own(leak_site):
    assert any(MEMBERS_TITLE in title for title in _evidence_titles(client_for("member"), MEMBERS_TITLE))
    assert any(GROUP_PAGE in title for title in _evidence_titles(client_for("vorstand"), GROUP_PAGE))
    assert not _evidence_titles(client_for("member"), GROUP_PAGE)
