"""Every signal the ingestion pipeline listens to, wired in one place.

Tasks are queued with ``transaction.on_commit``: a worker must never look
for a page or a document whose transaction has not committed yet.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from ingest.models import PortalDocument
from ingest.tasks import (index_document, index_institution, index_page, remove_document, remove_institution,
                          remove_page)
from portal.taxonomy.models import Institution
from search.backends import SearchUnavailable

logger = logging.getLogger(__name__)


_indexed_by_caller = contextvars.ContextVar("ingest_indexed_by_caller", default=False)


@contextlib.contextmanager
def indexed_by_caller() -> Iterator[None]:
    """Within it, changes queue no task: the caller extracts and indexes what it changes itself.

    For ``import_pdfs``, which indexes each document inside the document's own
    transaction; the task its save would queue could only do the same work again.
    """
    token = _indexed_by_caller.set(True)
    try:
        yield
    finally:
        _indexed_by_caller.reset(token)


def queue(task, *args) -> None:
    """Send ``task`` with ``args`` once the current transaction commits; never fail the caller."""
    if _indexed_by_caller.get():
        return
    transaction.on_commit(lambda: _send(task, *args))


def _send(task, *args) -> None:
    # The change is already saved: an outage of the broker (or, with in-process
    # tasks, of the search engine) must not turn the editor's action into an
    # error page. The periodic reconcile task repairs the index once the
    # service is back.
    try:
        task.delay(*args)
    except (BrokerUnavailable, SearchUnavailable) as exc:
        logger.error("Could not run %s%s (%s); reconcile will repair the index once the service is back.",
                     task.name, args, exc)


def on_published(sender, instance, **kwargs) -> None:
    queue(index_page, instance.pk)


def on_removed(sender, instance, **kwargs) -> None:
    queue(remove_page, instance.pk)


def on_document_saved(sender, instance: PortalDocument, created: bool, update_fields=None, **kwargs) -> None:
    # The pipeline saves status fields with update_fields; only an editor's
    # save (a new upload, a replaced file, changed tags) queues work.
    if update_fields is not None:
        return
    PortalDocument.objects.filter(pk=instance.pk).update(queued_at=timezone.now())
    queue(index_document, instance.pk)


def on_document_tags_changed(sender, instance, action: str, **kwargs) -> None:
    # Tags are saved after the document itself (the form's save_m2m), so a
    # standalone entry must be refreshed when they change too.
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, PortalDocument):
        queue(index_document, instance.pk)


def on_document_deleting(sender, instance: PortalDocument, **kwargs) -> None:
    # After the delete the reference index no longer knows who held the file.
    from ingest.indexing import holders

    instance._holder_page_ids = [page.pk for page in holders(instance) if page.live]


def on_document_deleted(sender, instance: PortalDocument, **kwargs) -> None:
    queue(remove_document, instance.pk, getattr(instance, "_holder_page_ids", []))


def on_institution_saved(sender, instance: Institution, **kwargs) -> None:
    queue(index_institution, instance.pk)


def on_institution_expertise_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Institution):
        queue(index_institution, instance.pk)


def on_institution_deleted(sender, instance: Institution, **kwargs) -> None:
    queue(remove_institution, instance.pk)


def on_page_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    # Who may see a page decides who finds it: the page and everything below
    # it carry the restriction (portal.access), so all of them are reindexed.
    if kwargs.get("action", "post_add") not in ("post_add", "post_remove", "post_clear") or not isinstance(
            instance, PageViewRestriction):  # (groups changed from the group's side: reconcile repairs it)
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted with its restriction: on_removed takes it out
        return
    for page_id in page.get_descendants(inclusive=True).live().values_list("pk", flat=True):
        queue(index_page, page_id)


def on_collection_restriction_changed(sender, instance: CollectionViewRestriction, **kwargs) -> None:
    # A standalone document's visibility is its collection's (and ancestors'); documents held by a
    # page keep the page's, which index_document refreshes just the same.
    if kwargs.get("action", "post_add") not in ("post_add", "post_remove", "post_clear") or not isinstance(
            instance, CollectionViewRestriction):
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    collections = collection.get_descendants(inclusive=True)
    for document_id in PortalDocument.objects.filter(collection__in=collections).values_list("pk", flat=True):
        queue(index_document, document_id)


def connect() -> None:
    """Connect the handlers; called once from ``IngestConfig.ready``."""
    page_published.connect(on_published, dispatch_uid="ingest.page_published")
    page_unpublished.connect(on_removed, dispatch_uid="ingest.page_unpublished")
    post_delete.connect(on_removed, sender=Page, dispatch_uid="ingest.page_deleted")
    post_save.connect(on_document_saved, sender=PortalDocument, dispatch_uid="ingest.document_saved")
    for field in ("metals", "processes", "institutions"):
        m2m_changed.connect(on_document_tags_changed, sender=getattr(PortalDocument, field).through,
                            dispatch_uid=f"ingest.document_{field}_changed")
    pre_delete.connect(on_document_deleting, sender=PortalDocument, dispatch_uid="ingest.document_deleting")
    post_delete.connect(on_document_deleted, sender=PortalDocument, dispatch_uid="ingest.document_deleted")
    post_save.connect(on_institution_saved, sender=Institution, dispatch_uid="ingest.institution_saved")
    for field in ("expertise_metals", "expertise_processes"):
        m2m_changed.connect(on_institution_expertise_changed, sender=getattr(Institution, field).through,
                            dispatch_uid=f"ingest.institution_{field}_changed")
    post_delete.connect(on_institution_deleted, sender=Institution, dispatch_uid="ingest.institution_deleted")
    for model, handler in ((PageViewRestriction, on_page_restriction_changed),
                           (CollectionViewRestriction, on_collection_restriction_changed)):
        name = model.__name__.lower()
        post_save.connect(handler, sender=model, dispatch_uid=f"ingest.{name}_saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"ingest.{name}_deleted")
        m2m_changed.connect(handler, sender=model.groups.through, dispatch_uid=f"ingest.{name}_groups_changed")
