"""Synthetic demo data: the demo people (``people``), months of believable history
(``synthetic_history``), seeding a store with them (``seeding``), a studio-sized store for
benchmarks (``scale``) and the demo clients' links (``links``).

``people`` and ``synthetic_history`` are pure; the rest write to the store and may import
every core package, ``store`` and ``services``.
"""
