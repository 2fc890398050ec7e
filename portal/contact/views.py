"""The contact form for members, and its confirmation.

``/partner/contact/<institution>/``: login required (anonymous visitors go to
the login page and come back), members only (:func:`~portal.contact.membership.is_member`;
other accounts get a 403 page that says why), CSRF-protected like every form.
Sent requests are limited per member and address by ``PORTAL_RATE_LIMITS["contact"]``
(``portal.core.ratelimit``); only a valid request counts, and one beyond the
limit is answered with 429, ``Retry-After`` and the form, message kept, not sent.
"""

from __future__ import annotations

import math

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from portal.contact import sending
from portal.contact.forms import ContactRequestForm
from portal.contact.membership import is_member
from portal.contact.models import ContactRequest
from portal.core.ratelimit import hit, rate_for
from portal.taxonomy.models import Institution

RATE_SCOPE = "contact"


@login_required
@require_http_methods(["GET", "POST"])
def contact_institution(request: HttpRequest, slug: str) -> HttpResponse:
    if not is_member(request.user):
        return render(request, "contact/members_only.html", status=403)
    institution = get_object_or_404(Institution, slug=slug)
    if request.method == "POST":
        form = ContactRequestForm(request.POST)
        if form.is_valid():
            retry_after = _count_request(request)
            if retry_after:
                response = render(request, "contact/contact_form.html", {
                    "institution": institution, "form": form, "need": form.cleaned_data["q"],
                    "retry_minutes": math.ceil(retry_after / 60),
                }, status=429)
                response["Retry-After"] = str(retry_after)
                return response
            contact = sending.submit(sender=request.user, institution=institution,
                                     message=form.cleaned_data["message"], need=form.cleaned_data["q"])
            return redirect("contact:sent", slug=institution.slug, pk=contact.pk)
    else:
        form = ContactRequestForm(initial={"q": request.GET.get("q", "")})
    need = form["q"].value() or ""
    return render(request, "contact/contact_form.html",
                  {"institution": institution, "form": form, "need": " ".join(str(need).split())})


@login_required
def contact_sent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What became of the sender's request (only its sender sees it)."""
    contact = get_object_or_404(ContactRequest.objects.select_related("institution"),
                                pk=pk, institution__slug=slug, sender=request.user)
    return render(request, "contact/sent.html", {"contact": contact, "institution": contact.institution})


def _count_request(request: HttpRequest) -> int:
    """Count a request to be sent; 0 if it may go, else the seconds until the member may send again."""
    rate = rate_for(RATE_SCOPE)
    if rate is None:
        return 0
    return hit(f"{RATE_SCOPE}:user-{request.user.pk}", request, rate)
