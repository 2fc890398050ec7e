"""Partner finding: members describe a need and get the institutions that can meet it (``/partner/``)."""
