"""Partner finding, measured: needs a member describes, institutions graded for each, and the runner.

* :mod:`.needs`: the judged needs over the demo site and over the archive
  collection (pure data, no Django);
* :mod:`.run`: ``scripts/partner_relevance``, which installs a collection as
  :mod:`search.relevance.run` does and prints nDCG@5 of the partner ranking
  (``search.partners.rank_partners``) beside a baseline that ranks
  institutions by their own search entry (their profile) alone.
"""
