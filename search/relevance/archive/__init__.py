"""The archive collection: PDFs as a new member would import them, and queries judged on them.

The demo content (``manage.py seed_demo``) is what the search was tuned on;
this collection is not.  It is an archive of 68 reports, papers, theses,
fact sheets, brochures and municipal concepts on metal recycling, in German
and English, imported into a fresh install the way a new user would do it:

* :mod:`.documents`: the documents (``texts/*.txt``), their keys
  (``archive/<file name>``) and the PDFs made of them;
* ``metadata.csv``: the metadata sheet for ``manage.py import_pdfs DIR
  --metadata CSV --create-missing``, written as people write it
  (semicolons, symbols, German and English names, gaps);
* :mod:`.judgements`: the judged queries, with groups and facet filters;
* :mod:`.install`: the fresh install, the import and the index entries
  (needs Django; used by :mod:`search.relevance.run`).
"""
