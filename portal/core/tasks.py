"""Periodic editorial chores, run by Celery beat (see ``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command

from search import query_log


@shared_task(name="portal.core.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages() -> None:
    """Publish revisions whose go-live time has come and unpublish pages whose expiry has passed.

    Wagtail's ``publish_scheduled`` does the work; publishing fires the same
    signals as the Publish button, so the pages are indexed as usual.
    """
    call_command("publish_scheduled", verbosity=0)


@shared_task(name="portal.core.prune_search_queries", ignore_result=True)
def prune_search_queries() -> None:
    """Forget the search query counts of days past the retention period (``search.query_log``)."""
    query_log.prune()
