"""Each client's charts drawn once per change, not once per view: kept in the store (PNG and
text alternative) under the key of what they show, and reused by the workbook, the
dashboard's first view and live page.

A shelf reads the client's change count (one cheap query) before anything it draws is read,
so a chart drawn from data read later is never kept under an older key than its data. The
key joins that count with the day, the chart's name and size, and the drawing's version (the
digest of the drawing code, so a changed drawing never reuses an old PNG). A kept chart whose
key differs is drawn again; the store's triggers drop a client's kept charts on every change
to what they draw. Nothing here imports matplotlib: a chart found kept is never drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path

from stretchkit.catalog import Catalog
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.values import KeptChart

__all__ = ["DRAWING_VERSION", "ChartShelf", "drawing_version"]

DRAWING_VERSION = "1"
"""Raised by hand when what the charts draw changes in a way their code does not show."""
_DRAWING_CODE = (
    "charts/chart_layout.py",
    "charts/feel_chart.py",
    "charts/progress_charts.py",
    "charts/rendering.py",
    "progress/chart_text.py",
    "progress/weekly.py",
    "widgets/dashboard_charts.py",
)
"""The modules whose code decides a chart's pixels and words: their digest is in the key."""


@cache
def drawing_version() -> str:
    """DRAWING_VERSION, matplotlib's version and a digest of the drawing code."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(DRAWING_VERSION.encode())
    for name in _DRAWING_CODE:
        digest.update((root / name).read_bytes())
    digest.update(version("matplotlib").encode())
    return digest.hexdigest()[:16]


def _catalog_digest(catalog: Catalog) -> str:
    """What of the catalog a chart shows: each stretch's id and name."""
    named = "|".join(f"{s.id}={s.name}" for s in catalog.stretches)
    return hashlib.sha256(named.encode()).hexdigest()[:12]


class ChartShelf:
    """One client's kept charts as of the change count read when the shelf is made: make
    the shelf first, then read what the charts draw."""

    def __init__(self, store: ProgressStore, catalog: Catalog, client_id: int, today: date) -> None:
        self.store, self.client_id = store, client_id
        self.changes = store.chart_cache.changes(client_id)
        self._base = f"{drawing_version()}:{_catalog_digest(catalog)}:{today}:{self.changes}"

    def key(self, name: str, size: str) -> str:
        """The key of what the chart `name` drawn at `size` shows now."""
        return f"{self._base}:{name}:{size}"

    def chart(
        self, name: str, size: str, draw: Callable[[], bytes], alt: Callable[[], str]
    ) -> KeptChart:
        """The chart as kept under today's key, or drawn now with `draw` (PNG bytes) and
        `alt` (its text alternative) and kept."""
        slot, key = f"{name}@{size}", self.key(name, size)
        kept = self.store.chart_cache.get(self.client_id, slot, key)
        if kept is not None:
            return kept
        drawn = KeptChart(draw(), alt())
        self.store.chart_cache.put(self.client_id, slot, key, drawn)
        return drawn
