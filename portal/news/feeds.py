"""The news feed, as RSS 2.0 and Atom 1.0."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.html import escape
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.news.models import NewsArticlePage

FEED_SIZE = 20


class NewsFeed(Feed):
    # Translated per request; the feed's language is the active one.
    title = _("Metals Recycling Cluster – News")
    link = "/news/"
    description = _("News from the recycling cluster for strategic metals in the Harz region.")
    # Atom requires an author for the feed or every entry; the cluster's office writes the news.
    author_name = _("Metals Recycling Cluster")

    def items(self):
        return NewsArticlePage.objects.live().public().order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item: NewsArticlePage) -> str:
        return item.title

    def item_description(self, item: NewsArticlePage) -> str:
        # Readers take RSS descriptions and Atom summaries as HTML: the plain-text teaser is escaped for them.
        return escape(item.teaser)

    def item_link(self, item: NewsArticlePage) -> str:
        return item.get_url()

    def item_pubdate(self, item: NewsArticlePage) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(8, 0)))

    def item_updateddate(self, item: NewsArticlePage) -> dt.datetime:
        # Atom requires <updated> on every entry: the last publication of an edit.
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item: NewsArticlePage) -> str:
        return str(self.author_name)

    def item_categories(self, item: NewsArticlePage) -> list[str]:
        return [metal.label for metal in item.metals.all()]  # in the feed's (the active) language


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
