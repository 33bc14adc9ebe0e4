"""The dashboard's pictures are drawn once on a first start, however many kernels start at
once, and then read from their file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from stretchkit.catalog import Catalog
from stretchkit.widgets.dashboard import dashboard_pictures as kept
from stretchkit.widgets.dashboard.dashboard_pictures import DashboardPictures, dashboard_pictures


def test_kernels_starting_at_once_on_an_empty_cache_draw_the_pictures_once(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three kernels of a first start ask at the same moment: one draws, the other two wait
    for its file, and all three get the same pictures (each drew them, three times the work
    on a machine already busy starting kernels)."""
    drawings: list[int] = []
    draw = kept._drawn

    def counted(catalog: Catalog) -> DashboardPictures:
        drawings.append(1)
        return draw(catalog)

    monkeypatch.setattr(kept, "_drawn", counted)
    start = threading.Barrier(3)
    got: list[DashboardPictures] = []

    def kernel() -> None:
        start.wait()
        got.append(dashboard_pictures(catalog, tmp_path / "cache"))

    kernels = [threading.Thread(target=kernel) for _ in range(3)]
    for k in kernels:
        k.start()
    for k in kernels:
        k.join(timeout=120)
    assert len(drawings) == 1
    assert len(got) == 3 and got[0] == got[1] == got[2]
    assert set(got[0].maps) == {s.id for s in catalog.stretches}
