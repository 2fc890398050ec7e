from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView as AdminLoginView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api import api_router
from portal.core.ratelimit import rate_limited
from portal.news.feeds import AtomNewsFeed, NewsFeed
from portal.partners.views import partners_api
from portal.taxonomy.views import institution_list, institution_profile

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Login attempts are limited per address (PORTAL_RATE_LIMITS["login"]); the form itself is Wagtail's.
    path("admin/login/", rate_limited("login", methods=("POST",), respond="page")(AdminLoginView.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The portal's login, logout and password reset (templates/registration/), login limited like the admin's.
    path("accounts/login/", rate_limited("login", methods=("POST",), respond="page")(auth_views.LoginView.as_view()),
         name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("search.urls")),
    path("api/v2/", api_router.urls),
    path("members/", institution_list, name="institution-list"),
    path("members/<slug:slug>/", institution_profile, name="institution-profile"),
    path("partner/karte/", include("portal.network.urls")),  # the network map (portal/network/)
    path("partner/contact/", include("portal.contact.urls")),  # members' contact requests (portal/contact/)
    path("partner/", include("portal.partners.urls")),  # partner search (portal/partners/)
    path("api/v1/partners", partners_api, name="api-partners"),
    path("feeds/news.rss", NewsFeed(), name="news-rss"),
    path("feeds/news.atom", AtomNewsFeed(), name="news-atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: documents live under MEDIA_ROOT/documents and are served by
    # /documents/<id>/<file>, which checks page and collection privacy.
    for folder in ("images", "original_images"):
        urlpatterns += static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)

urlpatterns += [path("", include(wagtail_urls))]
