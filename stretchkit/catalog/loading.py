"""The stretch catalog: the 8 partner stretches and the guidance of the source articles.

Its values are built only from the catalog data file (``data/catalog.toml``), which names the
source of every stretch, rule and figure; nothing else in stretchkit reads that file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from stretchkit.catalog.file import parse_catalog_file
from stretchkit.catalog.model import (
    ACTIONS,
    MOVEMENT_LABELS,
    MOVEMENTS,
    POSITIONS,
    ROLE_LABELS,
    ROLES,
    BodyPart,
    Catalog,
    Condition,
    Contraindication,
    Exclusion,
    Guideline,
    HoldRange,
    Muscle,
    MuscleTarget,
    Region,
    RepRange,
    Source,
    Stretch,
)
from stretchkit.paths import catalog_path

__all__ = [
    "ACTIONS",
    "MOVEMENTS",
    "MOVEMENT_LABELS",
    "POSITIONS",
    "ROLES",
    "ROLE_LABELS",
    "BodyPart",
    "Catalog",
    "Condition",
    "Contraindication",
    "Exclusion",
    "Guideline",
    "HoldRange",
    "Muscle",
    "MuscleTarget",
    "Region",
    "RepRange",
    "Source",
    "Stretch",
    "default_catalog",
    "load_catalog",
]


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and validate a catalog file (the packaged one by default)."""
    return parse_catalog_file(Path(path) if path is not None else catalog_path())


@cache
def default_catalog() -> Catalog:
    """The packaged catalog, loaded once per process."""
    return load_catalog()
