"""A visitor searches: types, picks from the suggestions by keyboard, ticks facets, opens a PDF at its page.

With JavaScript, a ticked facet or a new sort order applies at once (no page
load), the address follows (shareable; Back undoes it) and the result count,
a live region, changes; without JavaScript the same form works with its
"Apply filters" button.  The numbers the page must show come from the JSON
API, which mirrors the page.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.support import translated, translated_plural

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUERY = "Indium"  # the demo has several items about it, one with PDF pages that name it


def api(page: Page, path: str, params: dict, language: str = "de") -> dict:
    response = page.request.get(f"{path}?{urlencode(params, doseq=True)}", headers={"Accept-Language": language})
    assert response.status == 200, response.text()
    return response.json()


def search_api(page: Page, params: dict) -> dict:
    return api(page, "/api/v1/search", params)


def result_count(total: int, language: str = "de") -> str:
    return translated_plural("%(counter)s result", "%(counter)s results", total, language) % {"counter": total}


def facet_counts(body: dict) -> dict[tuple[str, str], int]:
    return {(name, value["value"]): value["count"] for name, values in body["facets"].items() for value in values}


def choose_filter(page: Page, params: dict) -> tuple[str, dict, dict]:
    """A facet value that narrows ``params`` and keeps a hit with PDF pages, and the API's answers before and after."""
    before = search_api(page, params)
    for name, values in before["facets"].items():
        for value in values:
            if 0 < value["count"] < before["total"]:
                after = search_api(page, {**params, name: value["value"]})
                if any(hit["pages"] for hit in after["results"]):
                    return (name, value), before, after
    raise AssertionError(f"no facet value of {params} narrows it and keeps a PDF hit")


def checkbox(page: Page, name: str, value: str):
    return page.locator(f"#facet-{name}-{value}")


def shown_count(page: Page, name: str, value: str):
    return page.locator(f"label:has(#facet-{name}-{value}) [data-facet-count]")


def test_a_visitor_types_a_query_ticks_a_facet_and_opens_a_pdf_at_the_highlighted_page(
    page, live_server, outside_requests, screenshot
):
    page.goto("/search/")
    box = page.get_by_role("combobox", name=translated("Search projects, papers and technologies", "de"))
    expect(box).to_have_attribute("aria-expanded", "false")

    # Suggestions appear while typing; the visitor picks none and searches.
    box.press_sequentially(QUERY[:4], delay=40)
    suggestions = page.get_by_role("listbox", name=translated("Suggestions", "de"))
    expect(suggestions).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expected = api(page, "/api/v1/suggest", {"q": QUERY[:4]})["suggestions"]
    assert expected, "the demo offers suggestions for this"
    expect(suggestions.get_by_role("option")).to_have_count(len(expected))
    expect(suggestions.get_by_role("option").first).to_contain_text(expected[0]["text"])
    screenshot(page, "search-suggestions")
    box.press_sequentially(QUERY[4:], delay=40)
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/search/\?q={QUERY}(&|$)"))

    (name, value), before, after = choose_filter(page, {"q": QUERY})
    count = page.get_by_role("status")
    expect(count).to_have_text(result_count(before["total"]))
    changed = [key for key, number in facet_counts(after).items()
               if key[0] != name and facet_counts(before).get(key) not in (None, number)]
    assert changed, "narrowing the search changes some other facet's counts"
    other_name, other_value = changed[0]
    expect(shown_count(page, other_name, other_value)).to_have_text(f"({facet_counts(before)[changed[0]]})")
    page.evaluate("window.notReloaded = true")  # a full page load would forget this

    # Ticking applies at once: counts and the address change, the page is not reloaded, focus stays.
    box_to_tick = checkbox(page, name, value["value"])
    box_to_tick.check()
    expect(count).to_have_text(result_count(after["total"]))
    expect(shown_count(page, other_name, other_value)).to_have_text(f"({facet_counts(after)[changed[0]]})")
    expect(checkbox(page, name, value["value"])).to_be_checked()
    expect(checkbox(page, name, value["value"])).to_be_focused()
    assert parse_qs(urlsplit(page.url).query)[name] == [value["value"]]
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator(".hit")).to_have_count(len(after["results"]))
    screenshot(page, "search-filtered")

    # A page hit names the PDF and the page, and opens the PDF there.
    hit = next(hit for hit in after["results"] if hit["pages"])
    pdf_page = hit["pages"][0]
    link = page.get_by_role("link", name=translated("%(title)s, page %(number)s", "de") % {
        "title": pdf_page["document"], "number": pdf_page["number"]})
    expect(link).to_have_attribute("href", re.compile(rf"\.pdf#page={pdf_page['number']}$"))
    pdf_address = f"{live_server.url}{pdf_page['url'].split('#')[0]}"
    with page.expect_response(lambda response: response.url == pdf_address) as served:
        link.click()
    response = served.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.frame.page == page  # the visitor's own tab went there
    assert response.request.is_navigation_request()
    expect(page).to_have_url(f"{live_server.url}{pdf_page['url']}")
    # Only the PDF viewer's own chrome:// resources asked for anything beyond the live server.
    assert [url for url in outside_requests if not url.startswith(("chrome://", "chrome-extension://"))] == []


def test_the_keyboard_picks_a_suggestion(page, live_server):
    page.goto("/search/")
    box = page.get_by_role("combobox", name=translated("Search projects, papers and technologies", "de"))
    box.focus()
    expected = api(page, "/api/v1/suggest", {"q": "Kupf"})["suggestions"]
    assert [suggestion["kind"] for suggestion in expected][:1] == ["metal"], expected
    box.press_sequentially("Kupf", delay=40)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_count(len(expected))
    expect(options.first).to_contain_text(expected[0]["text"])
    expect(options.first).to_contain_text(translated("Metal", "de"))  # the kind, in the interface language

    # The arrows move the active option (focus stays in the field); Escape closes and keeps the text.
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    if len(expected) > 1:
        box.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        expect(options.nth(0)).to_have_attribute("aria-selected", "false")
        box.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Kupf")
    expect(box).to_be_focused()

    # ArrowDown opens the list again; Enter goes where the suggestion leads: the search for copper.
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{expected[0]['url']}")
    expect(checkbox(page, "metal", expected[0]["value"])).to_be_checked()


def test_a_title_suggestion_leads_to_its_item(page, live_server):
    page.goto("/search/")
    box = page.locator("#q")
    expected = api(page, "/api/v1/suggest", {"q": "Seltene"})["suggestions"]
    index, title = next((i, s) for i, s in enumerate(expected) if s["kind"] == "title")
    box.press_sequentially("Seltene", delay=40)
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(len(expected))
    for _ in range(index + 1):
        box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{title['url']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title["text"])


def test_the_sort_applies_at_once_and_back_undoes_a_filter(page, live_server, new_context):
    page.goto(f"/search/?q={QUERY}")
    (name, value), before, after = choose_filter(page, {"q": QUERY})
    count = page.get_by_role("status")
    page.evaluate("window.notReloaded = true")

    checkbox(page, name, value["value"]).check()
    expect(count).to_have_text(result_count(after["total"]))
    page.get_by_label(translated("Sort by", "de")).select_option("date")
    expect(page).to_have_url(re.compile(r"[?&]sort=date(&|$)"))
    newest_first = search_api(page, {"q": QUERY, name: value["value"], "sort": "date"})
    expect(page.locator(".hit h2")).to_have_text([hit["title"] for hit in newest_first["results"]])
    shared = page.url

    # The address is shareable: another visitor opening it sees the same.
    other = new_context().new_page()
    other.goto(shared)
    expect(checkbox(other, name, value["value"])).to_be_checked()
    expect(other.get_by_label(translated("Sort by", "de"))).to_have_value("date")
    expect(other.locator(".hit h2")).to_have_text([hit["title"] for hit in newest_first["results"]])

    # Back undoes the sort, then the filter, still without a page load.
    page.go_back()
    expect(page.get_by_label(translated("Sort by", "de"))).to_have_value("relevance")
    page.go_back()
    expect(checkbox(page, name, value["value"])).not_to_be_checked()
    expect(count).to_have_text(result_count(before["total"]))
    assert parse_qs(urlsplit(page.url).query) == {"q": [QUERY]}
    assert page.evaluate("window.notReloaded") is True


def test_without_javascript_the_apply_button_filters(new_context, demo_site, live_server):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/search/?q={QUERY}")
    (name, value), before, after = choose_filter(page, {"q": QUERY})
    expect(page.get_by_role("status")).to_have_text(result_count(before["total"]))
    expect(page.locator("#q")).not_to_have_attribute("role", "combobox")  # a plain field

    checkbox(page, name, value["value"]).check()
    expect(page.get_by_role("status")).to_have_text(result_count(before["total"]))  # nothing happens yet
    page.get_by_label(translated("Sort by", "de")).select_option("date")
    page.get_by_role("button", name=translated("Apply filters", "de")).click()

    query = parse_qs(urlsplit(page.url).query)
    assert (query[name], query["sort"], query["q"]) == ([value["value"]], ["date"], [QUERY])
    expect(page.get_by_role("status")).to_have_text(result_count(after["total"]))
    expect(checkbox(page, name, value["value"])).to_be_checked()


def test_on_a_narrow_screen_the_filters_fold_above_the_results(new_context, demo_site):
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(f"/search/?q={QUERY}")
    panel = page.locator("details.filter-panel")
    toggle = panel.locator("> summary")
    expect(toggle).to_be_visible()
    expect(panel).not_to_have_attribute("open", "")
    expect(page.locator("#search-facets")).to_be_hidden()
    results = page.locator(".hit").first
    expect(results).to_be_in_viewport()
    assert toggle.bounding_box()["y"] < results.bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"

    toggle.focus()
    page.keyboard.press("Enter")  # the keyboard unfolds it
    expect(page.locator("#search-facets")).to_be_visible()
