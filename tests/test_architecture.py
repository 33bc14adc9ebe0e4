"""The core stays pure: it never imports SQL, matplotlib or widgets."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "stretchkit.catalog",
    "stretchkit.clients",
    "stretchkit.demo",
    "stretchkit.demo_history",
    "stretchkit.errors",
    "stretchkit.intake",
    "stretchkit.intake_codec",
    "stretchkit.screening",
    "stretchkit.prescription",
    "stretchkit.timeline",
    "stretchkit.dose",
    "stretchkit.routine",
    "stretchkit.routine_codec",
    "stretchkit.planner",
    "stretchkit.progression",
    "stretchkit.session_log",
    "stretchkit.session_runner",
    "stretchkit.history_csv",
    "stretchkit.history",
    "stretchkit.progress",
    "stretchkit.outcomes",
    "stretchkit.attention",
    "stretchkit.file_names",
    "stretchkit.links",
    "stretchkit.next_session",
]
FORBIDDEN = ["sqlite3", "matplotlib", "ipywidgets"]


@pytest.mark.parametrize("module", CORE)
def test_a_core_module_imports_no_sql_plotting_or_widgets(module: str) -> None:
    """Importing a core module in a fresh interpreter loads none of the edge libraries."""
    code = f"import sys, {module}; print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_charts_never_import_pyplot() -> None:
    """Charts use matplotlib's object API only; pyplot keeps global state that leaks in servers."""
    code = (
        "import sys, stretchkit.charts, stretchkit.widgets.library; "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
