"""The one place where the portal tells the search layer that its vocabulary changed.

Saving or deleting a synonym set, a metal, a process or an institution makes the next query
read the vocabulary again (``search.vocabulary.invalidate``).  A bulk
``update()`` sends no signal; other processes and such edits are caught up
within ``search.vocabulary.MAX_AGE`` seconds.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.synonyms.models import SynonymSet
from portal.taxonomy.models import Institution, Metal, Process
from search import vocabulary

SOURCES = (SynonymSet, Metal, Process, Institution)


def vocabulary_changed(sender, using: str = "default", **kwargs) -> None:
    # At once, so that this request sees its own edit; and again after the commit, since another
    # thread may have read the vocabulary in between from the database as it was before it.
    vocabulary.invalidate()
    transaction.on_commit(vocabulary.invalidate, using=using)


def connect() -> None:
    for model in SOURCES:
        for signal in (post_save, post_delete):
            signal.connect(vocabulary_changed, sender=model, dispatch_uid="synonyms.vocabulary_changed")
