"""A fixed-window rate limit per client on Django's cache.

Applying it is one line::

    @rate_limited("search")                      # JSON: 429 {"error": ...}
    def search_api(request): ...

    path("accounts/login/", rate_limited("login", methods=("POST",), respond="page")(LoginView.as_view()))

``settings.PORTAL_RATE_LIMITS`` maps a scope to ``"<requests>/<seconds>"``
(``"120/60"``: 120 requests a minute); a scope without an entry, or with
``0``, is not limited.  Requests are counted per client and window in the
``default`` cache: with several application processes the cache must be
shared (``CACHE_URL``, e.g. Redis), otherwise each process counts alone.

The client is ``REMOTE_ADDR``.  Behind a reverse proxy every request comes
from the proxy, so ``PORTAL_TRUSTED_PROXIES = N`` (the number of proxies in
front of the application, each appending to ``X-Forwarded-For``) takes the
address the outermost trusted proxy saw: the N-th entry from the right.
Entries further left are written by the client and never trusted.  With one
proxy that *replaces* the header that entry is also the first one.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass
from typing import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, scope: str, text: str) -> "Rate | None":
        """``"120/60"`` → 120 requests in 60 seconds; ``"0"`` or ``""`` → no limit."""
        text = str(text).strip()
        if text in ("", "0"):
            return None
        try:
            requests, seconds = (int(part) for part in text.split("/"))
        except ValueError:
            requests = seconds = 0
        if requests < 1 or seconds < 1:
            raise ImproperlyConfigured(
                f"PORTAL_RATE_LIMITS[{scope!r}] = {text!r}: write '<requests>/<seconds>', e.g. '120/60', "
                f"or '0' for no limit (environment: PORTAL_RATE_LIMIT_{scope.upper()}).")
        return cls(requests, seconds)


def rate_for(scope: str) -> Rate | None:
    return Rate.parse(scope, getattr(settings, "PORTAL_RATE_LIMITS", {}).get(scope, ""))


def client_address(request: HttpRequest) -> str:
    """The address requests are counted by (see the module's description)."""
    proxies = int(getattr(settings, "PORTAL_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-min(proxies, len(forwarded))][:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, request: HttpRequest, rate: Rate, now: float | None = None) -> int:
    """Count this request; return 0 if it is allowed, else the seconds until the window ends."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens the window
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.requests:
        return 0
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def rate_limited(scope: str, methods: tuple[str, ...] | None = None, respond: str = "json") -> Callable:
    """Refuse a client's requests beyond ``PORTAL_RATE_LIMITS[scope]`` with 429 and ``Retry-After``.

    ``methods``: only these are counted (``("POST",)`` for a login form).
    ``respond``: ``"json"`` answers ``{"error": ...}``; ``"page"`` renders ``429.html``.
    """
    if respond not in ("json", "page"):
        raise ValueError(f"respond must be 'json' or 'page', not {respond!r}")

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            rate = rate_for(scope)
            if rate and (methods is None or request.method in methods):
                retry_after = hit(scope, request, rate)
                if retry_after:
                    return too_many_requests(request, retry_after, respond)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def too_many_requests(request: HttpRequest, retry_after: int, respond: str) -> HttpResponse:
    if respond == "json":
        response = JsonResponse(
            {"error": f"Too many requests from this address; retry after {retry_after} seconds."}, status=429)
    else:
        response = HttpResponse(render_to_string("429.html", {"retry_after": retry_after}, request), status=429)
    response["Retry-After"] = str(retry_after)
    return response
