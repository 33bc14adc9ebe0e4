"""The catalog: the 8 partner stretches, their muscles, body parts, contraindications and the
articles' guidance, loaded and checked from ``data/catalog.toml``.

Holds ``model`` (the values), ``file`` (reading and checking the data file) and ``loading``
(the cached default catalog), whose names are re-exported here. The bottom of the core: it
imports only ``stretchkit.errors`` and ``stretchkit.paths``.
"""

from stretchkit.catalog import loading as _loading
from stretchkit.catalog.loading import *  # noqa: F403

__all__ = _loading.__all__
