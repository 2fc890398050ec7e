"""The search in the Wagtail admin: the "Search queries" report.

Promoted results are edited with Wagtail's own views
(``wagtail.contrib.search_promotions``, Settings → Promoted search results).
Its superuser-only "Search terms" report counts Wagtail's ``QueryDailyHits``,
which the portal does not record (``search.query_log`` does, without
identifying anyone), so that report is taken out of the menu.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_urls
from search.admin_views import can_view_query_report

#: the menu name of wagtail.contrib.search_promotions' own report
WAGTAIL_SEARCH_TERMS_REPORT = "search-terms"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search-queries/", include(admin_urls, namespace="search_admin"))]


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_query_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return SearchQueriesMenuItem(
        _("Search queries"),
        reverse("search_admin:report"),
        name="search-queries",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_SEARCH_TERMS_REPORT]
