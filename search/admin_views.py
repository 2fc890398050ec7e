"""The "Search queries" report in the Wagtail admin, and promoting a result from it.

* :class:`SearchQueriesReportView`: the most frequent queries and the
  queries without results over the last 7, 30 or 365 days (``?period=``),
  each linked to the public search for it and to promoting a result for it;
  ``?export=csv&table=frequent|without-results`` downloads a table.
* :class:`PromoteQueryView`: Wagtail's "add promoted result" form with the
  query filled in (``?q=``); a query that has promotions already opens
  their edit form instead.

The report is for those who may view the query log (Editors, Moderators and
superusers; see ``search/migrations/0002_editor_permissions.py``).
"""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views import CreateView as PromotionCreateView

from search import query_log
from search.promotions import normalise_query_text

DEFAULT_PERIOD = 30
TABLES = ("frequent", "without-results")


def can_view_query_report(user) -> bool:
    return user.has_perm("portal_search.view_queryday")


def can_promote(user) -> bool:
    return user.has_perm("wagtailsearchpromotions.add_searchpromotion")


def public_search_url(text: str) -> str:
    return f"{reverse('search')}?{urlencode({'q': text})}"


def promote_url(text: str) -> str:
    return f"{reverse('search_admin:promote')}?{urlencode({'q': text})}"


class SearchQueriesReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Search queries")
    header_icon = "search"
    template_name = "search/admin/query_report.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not can_view_query_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args, **kwargs):
        try:
            self.days = int(request.GET.get("period", DEFAULT_PERIOD))
        except ValueError:
            self.days = DEFAULT_PERIOD
        if self.days not in query_log.PERIODS:
            self.days = DEFAULT_PERIOD
        self.since = query_log.period_start(self.days)
        if request.GET.get("export") == "csv":
            return self.csv_response(request.GET.get("table", ""))
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        frequent = query_log.most_frequent(self.since)
        empty = query_log.without_results(self.since)
        promoted = set(
            Query.objects.filter(query_string__in={row.text for row in (*frequent, *empty)},
                                 editors_picks__isnull=False).values_list("query_string", flat=True)
        )
        index_url = reverse("search_admin:report")
        context.update(
            days=self.days,
            since=self.since,
            periods=[{"days": days, "label": _("Last %(days)d days") % {"days": days},
                      "url": f"{index_url}?period={days}", "current": days == self.days}
                     for days in query_log.PERIODS],
            frequent=[self._row(row, promoted) for row in frequent],
            without_results=[self._row(row, promoted) for row in empty],
            csv_urls={table.replace("-", "_"): self._csv_url(index_url, table) for table in TABLES},
            can_promote=can_promote(self.request.user),
        )
        return context

    def _csv_url(self, index_url: str, table: str) -> str:
        return f"{index_url}?{urlencode({'period': self.days, 'export': 'csv', 'table': table})}"

    @staticmethod
    def _row(row, promoted: set[str]) -> dict:
        return {"query": row, "search_url": public_search_url(row.text), "promote_url": promote_url(row.text),
                "promoted": row.text in promoted}

    def csv_response(self, table: str) -> HttpResponse:
        if table == "frequent":
            headings = [_("Query"), _("Searches"), _("Searches without results")]
            rows = [[row.text, row.searches, row.searches_without_results]
                    for row in query_log.most_frequent(self.since, limit=None)]
        elif table == "without-results":
            headings = [_("Query"), _("Times"), _("Last searched")]
            rows = [[row.text, row.times, row.last_searched.isoformat()]
                    for row in query_log.without_results(self.since, limit=None)]
        else:
            raise Http404("Unknown table: use table=frequent or table=without-results.")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"search-queries-{table}-{self.days}-days.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # a byte order mark, so spreadsheet programs read the umlauts as UTF-8
        writer = csv.writer(response)
        writer.writerow(headings)
        writer.writerows([_safe_cell(row[0]), *row[1:]] for row in rows)
        return response


def _safe_cell(text: str) -> str:
    """Visitors typed these texts: never let a spreadsheet read one as a formula."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


class PromoteQueryView(PromotionCreateView):
    """Wagtail's form for a new promoted result, with the query from ``?q=`` filled in.

    The form posts to Wagtail's own add view, which validates and saves it.
    """

    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, *args, **kwargs):
        text = normalise_query_text(request.GET.get("q", ""))
        existing = Query.objects.filter(query_string=text, editors_picks__isnull=False).first() if text else None
        if existing is not None:
            return redirect("wagtailsearchpromotions:edit", existing.pk)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {**super().get_initial(), "query_string": normalise_query_text(self.request.GET.get("q", ""))}
