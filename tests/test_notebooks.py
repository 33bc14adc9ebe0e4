"""The workbook's notebooks as committed: no outputs kept, and what their plain cells print.

nbval runs every notebook with `--nbval-lax` (a cell fails only when it raises); what a cell
prints is checked here instead, since the notebooks are committed without outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOTEBOOKS

AT_A_GLANCE = """\
Seated Thoracic Flexion                      20-30 s x 2-3
Seated Thoracic Rotation                     20-30 s x 2-3, each side
Seated Upper Back/Lat Stretch                20-30 s x 2-3
Standing Chest Opener                        20-30 s x 2-3
Seated Thoracic Extension Stretch            15-30 s x 2-3
Supine Thoracic Rotation Stretch             20-45 s x 2-3, each side
Seated Lower Back Flexion Stretch            20-45 s x 2-3
Standing Partner Backbend/Extension Assist   10-20 s x 2-3
"""


def _cells(notebook: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return cells


def _code_after(notebook: Path, heading: str) -> str:
    """The source of the first code cell after the markdown cell starting with `heading`."""
    cells = _cells(notebook)
    start = next(
        n
        for n, cell in enumerate(cells)
        if cell["cell_type"] == "markdown" and "".join(cell["source"]).startswith(heading)
    )
    return next("".join(c["source"]) for c in cells[start:] if c["cell_type"] == "code")


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_a_notebook_is_committed_without_outputs_or_nbval_markers(notebook: Path) -> None:
    """Every code cell has no outputs and no execution count, and none asks nbval to check
    its output (there is none stored to check it against)."""
    code = [cell for cell in _cells(notebook) if cell["cell_type"] == "code"]
    assert code
    assert [(c["outputs"], c["execution_count"]) for c in code] == [([], None)] * len(code)
    assert not any("NBVAL_CHECK_OUTPUT" in "".join(c["source"]) for c in code)


def test_the_library_at_a_glance_prints_every_stretch_with_its_prescription(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The library's at-a-glance cell prints one line per stretch, in catalog order: its name
    in a column, then its hold prescription as the article gives it."""
    exec(_code_after(NOTEBOOKS / "stretch_library.ipynb", "## At a glance"), {})
    assert capsys.readouterr().out == AT_A_GLANCE
