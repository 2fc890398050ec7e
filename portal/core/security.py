"""The Content Security Policy of the public site (Django 5.2 has none built in).

Every HTML page outside the admin gets :data:`DEFAULT_CSP` (or ``settings.PORTAL_CSP``): only the
portal's own scripts, styles, images and fonts, no inline script, no inline
style attribute, no plugins, not framed.  The templates hold no inline
``<script>``, no ``style=`` and no ``on…=`` handlers (the search page's
script is ``portal/static/js/search.js``), and Markdown and rich text are
sanitised of them, so nothing the portal renders needs more.

Wagtail's admin and Django's admin run their own inline scripts and styles,
so paths under ``settings.PORTAL_CSP_EXCLUDED_PATHS`` get no policy here
(they keep Django's X-Frame-Options, nosniff and Referrer-Policy).  Responses
that are not HTML (PDFs, JSON, feeds) need no policy: a policy on a PDF only
risks the browser's viewer.

The other headers come from Django's ``SecurityMiddleware`` and
``XFrameOptionsMiddleware`` (see ``portal/settings/base.py`` and
``production.py``); this middleware adds ``Permissions-Policy``.
"""

from __future__ import annotations

from typing import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
DEFAULT_EXCLUDED_PATHS = ("/admin/", "/django-admin/")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def policy_header(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(getattr(settings, "PORTAL_CSP", DEFAULT_CSP))
        self.excluded = tuple(getattr(settings, "PORTAL_CSP_EXCLUDED_PATHS", DEFAULT_EXCLUDED_PATHS))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.excluded):
            return response
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", self.header)
        return response
