"""The one entry point views use to search: parse, ask the backend, label.

Views never know which backend runs; they call :func:`run_search` with the
request's parameters and render the :class:`SearchPage` it returns.
"""

from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass
from typing import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from portal.access import page_visibility, viewer_groups
from search import labels as facet_labels
from search.backends import get_backend
from search.facets import FACETS, Facet
from search.matching import STOP_WORDS
from search.query import (MAX_FILTER_VALUES, MAX_PAGE, MAX_PAGE_SIZE, MAX_PARAMETERS, MAX_QUERY_LENGTH, PAGE_SIZE,
                          SORTS, FacetCount, SearchQuery, SearchResults, quoted_clauses)
from search.scopes import SCOPE_KINDS, SLUG, is_scope, pages_opening, split_scope

_SLUG = re.compile(rf"^{SLUG}$")
FILTER_VALUE_PATTERN = _SLUG.pattern  # what a facet value must look like (after lower-casing); search.openapi


class InvalidSearch(ValueError):
    """A request parameter that cannot be searched for, with what to do.

    ``str(exc)`` names the parameter, in English, for clients of the JSON
    API; ``exc.for_visitors`` says the same to a visitor of the search page,
    in the interface language.
    """

    def __init__(self, message: str, for_visitors: str | None = None) -> None:
        super().__init__(message)
        self.for_visitors = for_visitors or message


@dataclass(frozen=True)
class LabelledFacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class LabelledFacet:
    name: str
    label: str
    values: tuple[LabelledFacetValue, ...]


@dataclass(frozen=True)
class ScopeLabel:
    """The project or edition a search is limited to (``SearchQuery.scope``), as the page names it."""

    value: str  # "project:inrec"
    kind: str  # "project", "edition" (search.scopes)
    # the title of the page that opens the scope, or its slug when the viewer may see no such page
    label: str
    url: str  # that page's address; "" when the viewer may see no such page


@dataclass(frozen=True)
class SearchPage:
    query: SearchQuery  # what was searched: the corrected text if corrected_from is set
    results: SearchResults
    facets: tuple[LabelledFacet, ...]
    # the text as typed, when it found nothing and a corrected spelling did (see run_search)
    corrected_from: str | None = None
    # a corrected spelling to propose, when the text as typed found little (never with corrected_from)
    did_you_mean: str | None = None
    # what the search is limited to, when the query has a scope
    scope: ScopeLabel | None = None
    # words of the text as typed that no item the viewer may see holds (within the filters and scope), left out
    # because the whole text found nothing (see run_search); ``query.text`` is then the text without them
    missing: tuple[str, ...] = ()


def parse_query(params: Mapping, viewer_groups: tuple[str, ...] = ("public",)) -> SearchQuery:
    """Build a SearchQuery from request parameters, rejecting bad ones clearly."""
    if _parameter_count(params) > MAX_PARAMETERS:
        raise InvalidSearch(f"Too many parameters: at most {MAX_PARAMETERS} values in one request.",
                            _("Too many filters are selected: at most %(limit)s.") % {"limit": MAX_PARAMETERS})
    text = (params.get("q") or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearch(f"The query is too long: at most {MAX_QUERY_LENGTH} characters.",
                            _("The search text is too long: at most %(limit)s characters.")
                            % {"limit": MAX_QUERY_LENGTH})
    raw_page = params.get("page") or "1"
    try:
        page = int(raw_page)
    except (TypeError, ValueError):
        raise InvalidSearch(f"'page' must be a whole number, not {raw_page!r}.",
                            _("The page number must be a whole number.")) from None
    if page < 1 or page > MAX_PAGE:
        raise InvalidSearch(
            f"'page' must be between 1 and {MAX_PAGE}; refine the query to see other results.",
            _("Results are listed up to page %(max_page)s. Add words or filters to narrow the search "
              "and find the other results.") % {"max_page": MAX_PAGE},
        )
    raw_page_size = params.get("page_size") or str(PAGE_SIZE)
    try:
        page_size = int(raw_page_size)
    except (TypeError, ValueError):
        page_size = 0
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidSearch(f"'page_size' must be a whole number between 1 and {MAX_PAGE_SIZE}, "
                            f"not {str(raw_page_size)[:40]!r}.",
                            _("Up to %(limit)s results can be shown on one page.") % {"limit": MAX_PAGE_SIZE})
    sort = (params.get("sort") or "relevance").strip()
    if sort not in SORTS:
        raise InvalidSearch(f"'sort' must be one of {', '.join(SORTS)}, not {sort[:40]!r}.",
                            _("Results can be sorted by relevance or by date only."))
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = params.getlist(facet.name) if hasattr(params, "getlist") else _as_list(params.get(facet.name))
        values = tuple(dict.fromkeys(v.strip().lower() for v in values if v and v.strip()))
        if len(values) > MAX_FILTER_VALUES:
            raise InvalidSearch(f"At most {MAX_FILTER_VALUES} values of '{facet.name}' can be selected.",
                                _("At most %(limit)s values of one filter can be selected.")
                                % {"limit": MAX_FILTER_VALUES})
        for value in values:
            if not _SLUG.match(value):
                raise InvalidSearch(f"{value!r} is not a valid value for '{facet.name}'.",
                                    _("“%(value)s” is not a valid filter value.") % {"value": value[:40]})
        if values:
            filters[facet.name] = values
    return SearchQuery(text=text, filters=filters, page=page, page_size=page_size, viewer_groups=viewer_groups,
                       sort=sort, scope=_parse_scope(params))


def _parse_scope(params: Mapping) -> str | None:
    """The ``scope`` parameter (``project:inrec``), lower-cased; None if absent or blank.

    Only its form is checked: a scope that no entry lists finds nothing, as
    an unknown facet value does (see :mod:`search.scopes`).
    """
    values = params.getlist("scope") if hasattr(params, "getlist") else _as_list(params.get("scope"))
    values = list(dict.fromkeys(v.strip().lower() for v in values if v and v.strip()))
    if not values:
        return None
    if len(values) > 1:
        raise InvalidSearch("'scope' can be given once: search within one project or one edition at a time.",
                            _("Only one project or edition can be searched at a time."))
    value, = values
    if not is_scope(value):
        forms = " or ".join(f"{kind.name}:<slug>" for kind in SCOPE_KINDS)
        raise InvalidSearch(f"'scope' must be {forms} (a slug of lower-case letters, digits, '-' and '_'), "
                            f"not {value[:40]!r}.",
                            _("“%(value)s” is not a project or an edition to search in.") % {"value": value[:40]})
    return value


def _parameter_count(params: Mapping) -> int:
    """How many values ``params`` carries, a repeated parameter once per value."""
    if hasattr(params, "lists"):
        return sum(len(values) for _name, values in params.lists())
    return sum(len(_as_list(value)) for value in params.values())


def run_search(query: SearchQuery, correct: bool = True) -> SearchPage:
    """Run ``query`` on the configured backend and label its facets.

    Typos are forgiven: when the text finds nothing and its spelling can be
    corrected to words that visible items hold ("Galium" → "gallium"), the
    corrected text is searched instead and ``corrected_from`` keeps what was
    typed, so the page can say so.  ``correct=False`` searches the text as
    typed only.  Otherwise a text that found little gets ``did_you_mean``
    (see :mod:`search.spelling`), asked of the engine once for both uses.
    When that still finds nothing, the words no visible item holds are left
    out ("Vanadium aus Stahlwerksschlake": no item writes the second word)
    and the rest is searched; ``missing`` lists them, so the page can say
    so.  ``correct=False`` does neither.
    Raises :class:`search.backends.SearchUnavailable` when the engine is down.
    """
    from search.spelling import did_you_mean  # spelling asks the backend, as this module does

    backend = get_backend()
    results = backend.search(query)
    corrected_from = None
    missing: tuple[str, ...] = ()
    proposal = did_you_mean(query, results.total)
    if correct and results.total == 0 and proposal:
        retry = dataclasses.replace(query, text=proposal)
        retried = backend.search(retry)
        if retried.total:
            query, results, corrected_from, proposal = retry, retried, query.text, None
    if correct and results.total == 0 and corrected_from is None:
        relaxed = without_missing_words(backend, query)
        if relaxed is not None:
            retry, left_out = relaxed
            retried = backend.search(retry)
            if retried.total:
                query, results, missing = retry, retried, left_out
    facets = tuple(_label_facet(facet, results.facets.get(facet.name, ())) for facet in FACETS)
    scope = scope_label(query.scope, query.viewer_groups) if query.scope else None
    return SearchPage(query=query, results=results, facets=facets, corrected_from=corrected_from,
                      did_you_mean=proposal, scope=scope, missing=missing)


#: words of a query that found nothing which are tried one by one (see without_missing_words)
MAX_PROBED_WORDS = 8


def without_missing_words(backend, query: SearchQuery) -> tuple[SearchQuery, tuple[str, ...]] | None:
    """``query`` without the clauses that alone find nothing, and those clauses; None when there is nothing to drop.

    Each content clause (not a stop word) of at most :data:`MAX_PROBED_WORDS`
    is searched alone, with the query's filters, scope and viewer: a clause
    that finds nothing so is one no item the viewer may see holds.  When
    some clauses do and some do not, the query keeps the ones that do (and
    its stop words, quotes as typed).  It asks nothing the viewer could not
    ask by typing each word alone, so it reveals nothing more.
    """
    parsed = quoted_clauses(query.text)
    content = [(clause, quoted) for clause, quoted in parsed if quoted or clause.lower() not in STOP_WORDS]
    if len(content) < 2:
        return None
    probed = content[:MAX_PROBED_WORDS]
    missing = tuple(clause for clause, quoted in probed if not backend.search(dataclasses.replace(
        query, text=_as_typed(clause, quoted), page=1, page_size=1)).total)
    if not missing or len(missing) == len(probed):
        return None
    kept = " ".join(_as_typed(clause, quoted) for clause, quoted in parsed if clause not in missing)
    return dataclasses.replace(query, text=kept), missing


def _as_typed(clause: str, quoted: bool) -> str:
    return f'"{clause}"' if quoted else clause


def scope_label(scope: str, viewer_groups: tuple[str, ...]) -> ScopeLabel:
    """Name ``scope`` by the title of the live page that opens it, if ``viewer_groups`` may see that page.

    Otherwise (no such page, unpublished, restricted) the label is the slug
    as asked, so a restricted project's title never shows, and a scope that
    names nothing looks exactly like one the viewer may not see.
    """
    kind, slug = split_scope(scope)
    for page in pages_opening(kind, slug):  # found by the portal, checked here, never cached
        if getattr(page, "search_scope", "") == scope and set(page_visibility(page)) & set(viewer_groups):
            return ScopeLabel(scope, kind.name, page.title, page.get_url() or page.url_path)
    return ScopeLabel(scope, kind.name, slug, "")


def viewer_groups_for(user) -> tuple[str, ...]:
    """The visibility values ``user`` holds; the rules are in :mod:`portal.access`."""
    return viewer_groups(user)


def _label_facet(facet: Facet, counts: tuple[FacetCount, ...]) -> LabelledFacet:
    labels = _labels(facet, [count.value for count in counts])
    if facet.order == "value":  # years: newest first, whatever their counts
        counts = tuple(sorted(counts, key=lambda count: count.value, reverse=True))
    values = tuple(
        LabelledFacetValue(count.value, str(labels.get(count.value, count.value)), count.count, count.selected)
        for count in counts
    )
    return LabelledFacet(facet.name, facet.label, values)


#: labels of the values of facets without a label model, in the interface language
CONTENT_TYPE_LABELS = {
    "project": pgettext_lazy("content type facet", "Projects"),
    "paper": pgettext_lazy("content type facet", "Symposium papers"),
    "technology": pgettext_lazy("content type facet", "Technology profiles"),
    "news": pgettext_lazy("content type facet", "News"),
    "event": pgettext_lazy("content type facet", "Events"),
    "institution": pgettext_lazy("content type facet", "Institutions"),
    "document": pgettext_lazy("content type facet", "Documents"),
    "page": pgettext_lazy("content type facet", "Pages"),
}
# Each language is named in itself, as language switchers do.
LANGUAGE_LABELS = {"de": "Deutsch", "en": "English"}


def _labels(facet: Facet, slugs: list[str]) -> dict[str, str]:
    if not slugs:
        return {}
    if facet.name == "type":
        return CONTENT_TYPE_LABELS
    if facet.name == "language":
        return LANGUAGE_LABELS
    # metals, processes, institutions, editions: the names the portal registered, held by this process
    return facet_labels.current().names(facet.name, slugs, facet_labels.interface_language())


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
