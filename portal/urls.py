from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api import api_router
from portal.news.feeds import AtomNewsFeed, NewsFeed
from portal.taxonomy.views import institution_list, institution_profile

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("search.urls")),
    path("api/v2/", api_router.urls),
    path("members/", institution_list, name="institution-list"),
    path("members/<slug:slug>/", institution_profile, name="institution-profile"),
    path("feeds/news.rss", NewsFeed(), name="news-rss"),
    path("feeds/news.atom", AtomNewsFeed(), name="news-atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
