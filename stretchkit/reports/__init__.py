"""Printable PDF reports for a client: the routine handout and progress pages.

Pages are drawn with matplotlib's object API only (never pyplot), one at a time, so a caller
can show progress while a report builds.
"""

from __future__ import annotations

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
