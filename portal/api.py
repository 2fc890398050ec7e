"""Wagtail's read-only pages API at /api/v2/pages/.

Only the pages endpoint is exposed: it lists live pages and honours view
restrictions itself.  The documents endpoint is left out on purpose, since
it would list every uploaded file, members-only ones included.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
