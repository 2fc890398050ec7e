"""Ingestion: getting the text out of uploaded files and into the index.

``ingest`` may call ``search``; ``search`` never imports ``ingest``.  The two
meet at :class:`search.documents.SearchDocument`: ingestion stores the text
of each PDF page, the content apps turn pages into search documents, and
:mod:`ingest.indexing` hands those to the configured backend.
"""
