"""Measuring the relevance of the portal's search on two collections.

* :mod:`search.relevance.judgements`: German and English queries with graded
  judgements, naming demo items by stable keys (``"project/inrec"``), and the
  shape every judged query has (:class:`~search.relevance.judgements.JudgedQuery`);
* :mod:`search.relevance.demo`: which keys the demo corpus has (read from
  ``portal.demo.content``) and how they become search ids at run time;
* :mod:`search.relevance.archive`: the second collection, an archive of PDFs
  imported into a fresh install as a new user would, with its own judged
  queries (keys ``"archive/<file name>"``);
* :mod:`search.relevance.metrics`: nDCG@k and recall@k, pure functions;
* :mod:`search.relevance.evaluate`: fills each backend with a collection and
  runs the queries through the search service (needs Django);
* :mod:`search.relevance.report`: tables, JSON and comparisons (pure);
* :mod:`search.relevance.run`: builds each collection in a throwaway
  environment, measures it and prints the figures (``scripts/relevance``).
"""
