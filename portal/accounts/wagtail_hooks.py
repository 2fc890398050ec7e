"""Member profiles in the admin, and who may download a PDF held by a restricted page."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.models import BaseViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.access import may_view_restrictions
from portal.accounts.models import MemberProfile


class MemberProfileViewSet(SnippetViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = "Member profiles"
    add_to_admin_menu = False  # under Snippets; users themselves are under Settings › Users
    list_display = ("user", "institution")
    list_filter = ("institution",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    panels = [FieldPanel("user"), FieldPanel("institution")]


register_snippet(MemberProfileViewSet)


@hooks.register("before_serve_document")
def check_holding_pages(document, request):
    """Serve a PDF only to who may see every page that holds it.

    Wagtail's own hook has already checked the document's collection; a PDF
    attached to a members-only project is otherwise in a public collection,
    and its address (``/documents/<id>/<file>``) is easy to guess. Drafts
    count too: unpublishing a members-only page must not make its PDFs public.
    """
    from ingest.indexing import holders  # ingest's models: not at import time of the hooks module

    for page in holders(document):
        restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
        if may_view_restrictions(restrictions, request):
            continue
        if not request.user.is_authenticated and any(
                r.restriction_type != BaseViewRestriction.PASSWORD for r in restrictions):
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("This document belongs to a page you may not see.")
    return None
