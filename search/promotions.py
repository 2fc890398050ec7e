"""Promoted results: pages editors recommend for a query, shown above the hits.

Editors keep them in Wagtail's ``wagtail.contrib.search_promotions``
(Settings → Promoted search results): for a query text, one or more pages
(or external links), ordered, each with an optional description.

Matching is exact on the normalised text (:func:`normalise_query_text`):
case, surrounding and repeated whitespace do not matter, anything else does
("indium" and "Indium " match, "indium?" and "indium recycling" do not).
Wagtail stores the editor's text normalised the same way.

A promotion never shows more than the search would: its page must be live,
have an address, and be visible to the viewer by the same rule the search
index uses (``search_visibility()`` of a searchable page; for any other page,
the same rules of :mod:`portal.access`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from portal import access

#: the type of a promoted external link (pages have their ``search_content_type``)
LINK_TYPE = "link"
LINK_TYPE_LABEL = pgettext_lazy("search hit type", "link")  # translated by the template


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str
    content_type: str

    def as_json(self) -> dict:
        return {"title": self.title, "url": self.url, "description": self.description, "type": self.content_type}


def normalise_query_text(text: str) -> str:
    """The form in which query texts are compared and logged.

    Wagtail's ``normalise_query_string`` (cut at 255 characters, lower case,
    runs of spaces collapsed, stripped), after turning every run of
    whitespace into one space, dropping control characters and composing
    Unicode (so "Rückgewinnung" typed either way is one query).
    """
    text = unicodedata.normalize("NFC", text or "")
    words = "".join(char for char in text if char.isspace() or unicodedata.category(char) != "Cc").split()
    # lower() may lengthen a text ("İ"): cut again so it fits the column
    return normalise_query_string(" ".join(words))[:MAX_QUERY_STRING_LENGTH].strip()


def promoted_for(text: str, viewer_groups: tuple[str, ...]) -> tuple[Promotion, ...]:
    """The promotions for ``text`` that ``viewer_groups`` may see, in the editors' order."""
    key = normalise_query_text(text)
    if not key:
        return ()
    picks = list(SearchPromotion.objects.filter(query__query_string=key).order_by("sort_order", "pk"))
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids).specific()} if page_ids else {}
    promotions: list[Promotion] = []
    for pick in picks:
        if pick.page_id:
            promotion = _page_promotion(pages.get(pick.page_id), pick.description, viewer_groups)
        else:
            promotion = _link_promotion(pick)
        if promotion and promotion.url not in {seen.url for seen in promotions}:
            promotions.append(promotion)
    return tuple(promotions)


def page_visibility(page: Page) -> tuple[str, ...]:
    """Who may see ``page``: the rule of the search index (``portal.searchable``)."""
    visibility = getattr(page, "search_visibility", None)
    if callable(visibility):
        return tuple(visibility())
    return access.page_visibility(page)


def _page_promotion(page: Page | None, description: str, viewer_groups: tuple[str, ...]) -> Promotion | None:
    if page is None:  # deleted, or not live
        return None
    if not set(page_visibility(page)) & set(viewer_groups):
        return None
    url = page.get_url()
    if not url:  # not under any site: no address to send anyone to
        return None
    return Promotion(
        title=page.title,
        url=url,
        description=description or getattr(page, "search_description", "") or "",
        content_type=getattr(page, "search_content_type", "page"),
    )


def _link_promotion(pick: SearchPromotion) -> Promotion | None:
    if not pick.external_link_url:
        return None
    return Promotion(
        title=pick.external_link_text or pick.external_link_url,
        url=pick.external_link_url,
        description=pick.description,
        content_type=LINK_TYPE,
    )
