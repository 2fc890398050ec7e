"""Shared parts of the benchmarks in ``scripts/``: not part of the portal, never imported by it.

* ``benchmarks.corpus``: the German and English text generator and its word lists;
* ``benchmarks.processes``: CPU seconds and memory of processes from /proc, the machine's CPU,
  which process listens on a port, stopping a worker;
* ``benchmarks.environment``: production settings on the test harness's services;
* ``benchmarks.growth``: how cost grows with the corpus, as a table and a PNG plot.
"""
