"""Pictures of a stretch as plain geometry: each person's body as strokes, the partner's
contact points, force arrows and the client's shaded target area, in body units.

Pure (no plotting library): `stretchkit.charts` turns this geometry into SVG and PNG.
"""

from stretchkit.pictures import geometry as _geometry
from stretchkit.pictures.geometry import *  # noqa: F403

__all__ = _geometry.__all__
