"""Measuring the relevance of the portal's search on the demo corpus.

* :mod:`search.relevance.judgements`: German and English queries with graded
  judgements, naming demo items by stable keys (``"project/inrec"``);
* :mod:`search.relevance.demo`: which keys the demo corpus has (read from
  ``portal.demo.content``) and how they become search ids at run time;
* :mod:`search.relevance.metrics`: nDCG@k and recall@k, pure functions;
* :mod:`search.relevance.run`: seeds the demo site into a throwaway
  database, indexes it into each available backend and prints the figures
  (``scripts/relevance``).
"""
