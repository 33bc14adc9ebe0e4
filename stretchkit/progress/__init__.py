"""Progress: a client's history as values (``history``) and as CSV (``history_csv``), weekly
aggregation (``weekly``), field tests and their measurement error (``outcomes``), and the
studio's attention list (``attention``).

Pure core: may import ``catalog``, ``screening``, ``planning`` and ``session``.
"""
