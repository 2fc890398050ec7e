"""The one place where the portal tells the search layer that its vocabulary changed.

Saving or deleting a synonym set, a metal, a process or an institution makes the next query
read the vocabulary again (``search.vocabulary.changed``): in this process at once, in the
others within ``search.sources.CHECK_SECONDS``.  A bulk ``update()`` sends no signal; such
edits are caught up within ``search.sources.MAX_AGE`` seconds.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from portal.synonyms.models import SynonymSet
from portal.taxonomy.models import Institution, Metal, Process
from search import vocabulary

SOURCES = (SynonymSet, Metal, Process, Institution)


def vocabulary_changed(sender, using: str = "default", **kwargs) -> None:
    # At once, so that this request sees its own edit; again after the commit, since another
    # thread may have read the vocabulary in between as it was before; other processes by its version.
    vocabulary.changed(using)


def connect() -> None:
    for model in SOURCES:
        for signal in (post_save, post_delete):
            signal.connect(vocabulary_changed, sender=model, dispatch_uid="synonyms.vocabulary_changed")
