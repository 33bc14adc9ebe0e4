"""Printable PDF reports for a client: the routine handout and progress pages.

Pages are drawn with matplotlib's object API only (never pyplot), one at a time, so a caller
can show progress while a report builds. The names below load the drawing modules only when
first used, so the handout's content (`reports.handout_content`) imports without matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stretchkit.reports.handout import (
        NOTE_MAX_LINES,
        PAGE_SIZE,
        Page,
        PageFactory,
        chart_page,
        handout_pages,
        numbered,
    )
    from stretchkit.reports.pdf import Chart, ProgressCallback, build_pdf, client_report

__all__ = [
    "NOTE_MAX_LINES",
    "PAGE_SIZE",
    "Chart",
    "Page",
    "PageFactory",
    "ProgressCallback",
    "build_pdf",
    "chart_page",
    "client_report",
    "handout_pages",
    "numbered",
]

_FROM_PDF = {"Chart", "ProgressCallback", "build_pdf", "client_report"}


def __getattr__(name: str) -> object:
    """A public name, loaded from its module on first use."""
    if name not in __all__:
        raise AttributeError(f"module 'stretchkit.reports' has no attribute {name!r}")
    module = "pdf" if name in _FROM_PDF else "handout"
    return getattr(import_module(f"stretchkit.reports.{module}"), name)
