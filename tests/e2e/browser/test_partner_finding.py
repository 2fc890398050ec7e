"""A member finds a partner for a need and writes to it; the cluster management sees the request (issue 11).

The member (in the *Members* group, German browser) logs in, opens the
partner search from the main navigation, describes a need, narrows it to a
metal, reads the institutions with their evidence, opens the first one's
profile and sends it a contact request.  An Administrator (a superuser,
English admin) then finds that request under Reports › Contact requests.
A visitor who is not logged in sees the same institutions, never a contact
address.  What the page must list comes from the JSON API, which mirrors it.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import Page, expect

from portal.accounts.models import MemberProfile
from portal.accounts.roles import MEMBERS
from portal.contact.models import ContactRequest
from portal.demo import content
from portal.partners.finder import role_label
from portal.taxonomy.models import Institution, Metal
from tests.e2e.browser.support import translated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Schlacke-2024!"
NEED = "Indium aus LCD-Glas zurückgewinnen"
METAL = "in"
MESSAGE = (
    "Guten Tag, wir fallen bei der Demontage von Flachbildschirmen rund zwei Tonnen LCD-Glas im Monat an "
    "und suchen einen Partner, der daraus Indium laugt. Hätten Sie im Herbst Zeit für ein Gespräch?"
)
MEMBER = {"username": "jweiss", "first_name": "Jürgen", "last_name": "Weiß", "email": "j.weiss@example.org"}
MEMBER_NAME = "Jürgen Weiß"
MEMBER_INSTITUTION = "elektroschrott-nordharz"
DEMO_ADDRESSES = [address for _name, address in content.INSTITUTION_CONTACTS.values()]


@pytest.fixture(autouse=True)
def fresh_counters():
    """Rate-limit counters (logins, contact requests) live in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


def member_account() -> User:
    """A member of the cluster working at a demo institution."""
    user = User.objects.create_user(password=PASSWORD, **MEMBER)
    user.groups.add(Group.objects.get(name=MEMBERS))
    MemberProfile.objects.create(user=user, institution=Institution.objects.get(slug=MEMBER_INSTITUTION))
    return user


def partners_api(page: Page, params: dict) -> dict:
    """What /api/v1/partners answers the visitor of ``page`` (same cookies, so the same visibility)."""
    response = page.request.get(f"/api/v1/partners?{urlencode(params)}", headers={"Accept-Language": "de"})
    assert response.status == 200, response.text()
    return response.json()


def german_role(role: str) -> str:
    with translation.override("de"):
        return role_label(role)


def search_for_the_need(page: Page, metal_label: str) -> None:
    """Type the need, pick the metal by its label, submit with the form's button."""
    page.get_by_label(translated("What do you need?", "de")).fill(NEED)
    page.get_by_label(translated("Metal", "de"), exact=True).select_option(label=metal_label)
    page.get_by_role("button", name=translated("Find partners", "de")).click()
    expect(page).to_have_url(re.compile(r"/partner/\?"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["q"], query["metal"]) == ([NEED], [METAL])


def test_a_member_finds_a_partner_for_a_need_and_an_administrator_sees_the_contact_request(
    page, new_context, live_server, outside_requests, screenshot
):
    # The database is read and written here, before the browser makes the live server use it.
    member_account()
    User.objects.create_superuser("geschaeftsstelle", "geschaeftsstelle@example.org", PASSWORD)
    metal_label = Metal.objects.get(slug=METAL).name_de
    contacts = {institution.name: institution for institution in Institution.objects.all()}
    excerpt = ContactRequest(message=MESSAGE).excerpt

    # The member logs in with the portal's own form.
    page.goto("/accounts/login/")
    page.get_by_label(translated("Username", "de")).fill(MEMBER["username"])
    page.get_by_label(translated("Password", "de")).fill(PASSWORD)
    page.get_by_role("button", name=translated("Log in", "de")).click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".account-menu")).to_contain_text(MEMBER_NAME)

    # ... opens the partner search from the main navigation and describes the need.
    navigation = page.get_by_role("navigation", name=translated("Main", "de"))
    navigation.get_by_role("link", name=translated("Find a partner", "de"), exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/partner/")
    expect(page.get_by_role("heading", level=1)).to_have_text(translated("Find a partner", "de"))
    search_for_the_need(page, metal_label)
    screenshot(page, "partner-results-member")

    # Institutions, with the evidence of what they did: the item, the role and year, a marked passage.
    expected = partners_api(page, {"q": NEED, "metal": METAL})
    assert expected["results"], "the demo has institutions that recovered indium from LCD glass"
    cards = page.locator("li.partner.card")
    expect(cards).to_have_count(len(expected["results"]))
    best = expected["results"][0]
    first = cards.first
    name_link = first.get_by_role("heading", level=2).get_by_role("link")
    expect(name_link).to_have_text(best["name"])
    # the profile is opened with the need, which the contact request then records
    expect(name_link).to_have_attribute("href", re.compile(rf"^{re.escape(best['url'])}\?q=Indium"))
    evidence = first.locator("ul.evidence > li")
    expect(evidence).to_have_count(len(best["evidence"]))
    item, shown = best["evidence"][0], evidence.first
    expect(shown.get_by_role("link", name=item["title"], exact=True)).to_have_attribute("href", item["url"])
    expect(shown.locator(".meta").first).to_contain_text(german_role(item["role"]))
    if item["year"]:
        expect(shown.locator(".meta").first).to_contain_text(str(item["year"]))
    expect(shown.locator("blockquote.fragment mark").first).to_be_visible()
    # Members see the contact person (the anonymous test below is the other side).
    institution = contacts[best["name"]]
    if institution.contact_email:
        expect(first.get_by_role("link", name=institution.contact_email)).to_have_attribute(
            "href", f"mailto:{institution.contact_email}")

    # ... opens the first institution's profile by its link and presses the contact button.
    name_link.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url + best['url'])}\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text(best["name"])
    page.get_by_role("link", name=translated("Send a contact request", "de")).click()
    expect(page).to_have_url(re.compile(rf"/partner/contact/{re.escape(institution.slug)}/(\?|$)"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        translated("Contact %(institution)s", "de") % {"institution": best["name"]})

    # ... writes the message and sends it.
    page.get_by_label(translated("Your message", "de")).fill(MESSAGE)
    screenshot(page, "partner-contact-form")
    page.get_by_role("button", name=translated("Send the contact request", "de")).click()
    expect(page).to_have_url(re.compile(rf"/partner/contact/{re.escape(institution.slug)}/sent/\d+/$"))
    sent = "Contact request sent" if institution.contact_email else "Contact request received"
    expect(page.get_by_role("heading", level=1)).to_have_text(translated(sent, "de"))
    expect(page.locator("blockquote.contact-message")).to_contain_text(MESSAGE)
    screenshot(page, "partner-contact-sent")
    if institution.contact_email:
        # Mailed to the contact person; a reply goes to the member.
        assert [(message.to, [parseaddr(address)[1] for address in message.reply_to]) for message in mail.outbox] \
            == [([institution.contact_email], [MEMBER["email"]])]

    assert outside_requests == [], "the member's pages load nothing from outside the portal"

    # An Administrator signs in to the Wagtail admin and finds the request under Reports.
    admin = new_context(locale="en-GB").new_page()
    admin.goto("/admin/")
    admin.get_by_label("Username").fill("geschaeftsstelle")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    expect(admin).to_have_url(f"{live_server.url}/admin/")
    admin.get_by_role("button", name="Reports").click()
    admin.get_by_role("link", name="Contact requests").click()
    expect(admin).to_have_url(f"{live_server.url}/admin/contact-requests/")
    row = admin.get_by_role("row").filter(has_text=MEMBER_NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(best["name"])
    expect(row).to_contain_text(excerpt)
    expect(row).to_contain_text("New")
    expect(row).to_contain_text(NEED)  # the partner search that led to the request
    screenshot(admin, "partner-contact-report")
    # Only the dashboard's check for a new Wagtail release tried to leave (and was refused).
    assert {urlsplit(url).netloc for url in outside_requests} <= {"releases.wagtail.org"}


def test_a_visitor_sees_the_partners_and_their_evidence_but_no_contact_address(page, live_server):
    metal_label = Metal.objects.get(slug=METAL).name_de
    page.goto("/partner/")
    search_for_the_need(page, metal_label)

    expected = partners_api(page, {"q": NEED, "metal": METAL})
    assert expected["results"]
    cards = page.locator("li.partner.card")
    expect(cards).to_have_count(len(expected["results"]))
    expect(cards.first.locator("ul.evidence mark").first).to_be_visible()
    # Each card says that members can make contact, and offers the login that comes back here.
    expect(cards.first.locator(".institution-contact")).to_contain_text(
        translated("Members of the cluster can contact this institution through the portal.", "de"))
    expect(cards.first.locator(".institution-contact").get_by_role("link", name=translated("Log in", "de"))
           ).to_have_attribute("href", re.compile(r"^/accounts/login/\?next=/partner/"))

    html = page.content()
    assert "mailto:" not in html
    assert [address for address in DEMO_ADDRESSES if address in html] == []
    assert "/partner/contact/" not in html
    expect(page.get_by_text(translated("Contact person", "de"))).to_have_count(0)
