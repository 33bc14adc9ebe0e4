"""Pages drawn one by one into a single PDF, with a callback after each page.

`build_pdf` takes pages (a `Page`, or any function returning a matplotlib Figure), draws each,
saves it and lets it go before the next, and calls ``on_progress(done, total, label)`` after
every page. `client_report` is the usual report: the routine handout, then one A4 page per
progress chart, numbered.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from stretchkit.catalog import Catalog
from stretchkit.errors import ValidationError
from stretchkit.planning.routine import Routine
from stretchkit.reports.handout import (
    Page,
    PageFactory,
    chart_page,
    chart_panel_pages,
    chart_picture_page,
    handout_pages,
    numbered,
)

__all__ = [
    "Chart",
    "ChartPanels",
    "ChartPicture",
    "ProgressCallback",
    "build_pdf",
    "client_report",
]

ProgressCallback = Callable[[int, int, str], None]
"""Called as ``on_progress(done, total, label)`` after each page is saved."""
Chart = tuple[str, PageFactory]
"""A progress chart for `client_report`: its heading and a function that draws its Figure."""
ChartPicture = tuple[str, Callable[[], bytes]]
"""A progress chart already drawn: its heading and a function giving its `chart_picture`
PNG (e.g. as kept by the store)."""
ChartPanels = tuple[str, tuple[Callable[[], bytes], ...]]
"""A progress chart drawn as panels (one stretch each): its heading and each panel's PNG;
the panels are set two to a row, across as many pages as they need."""


def _save_settings() -> AbstractContextManager[None]:
    """Saving settings that must not come from the user's matplotlib configuration."""
    return matplotlib.rc_context(
        {
            "pdf.fonttype": 42,
            "pdf.compression": 6,
            "savefig.bbox": "standard",
            "savefig.dpi": "figure",
            "savefig.facecolor": "white",
            "savefig.edgecolor": "white",
            "savefig.transparent": False,
            "savefig.orientation": "portrait",
            "text.usetex": False,
        }
    )


def _as_page(page: Page | PageFactory, number: int) -> Page:
    return page if isinstance(page, Page) else Page(f"Page {number}", page)


def _save(pdf: PdfPages, fig: Figure) -> None:
    """Save one page and let go of what it drew."""
    pdf.savefig(fig)  # type: ignore[no-untyped-call]
    fig.clear()


def build_pdf(
    pages: Sequence[Page | PageFactory],
    *,
    title: str,
    on_progress: ProgressCallback | None = None,
) -> bytes:
    """The pages, drawn and saved one at a time, as the bytes of one PDF titled `title`."""
    listed = [_as_page(page, n) for n, page in enumerate(pages, 1)]
    if not listed:
        raise ValidationError("pages", (), "a PDF needs at least one page")
    buffer = io.BytesIO()
    metadata = {"Title": title, "Creator": "stretchkit"}
    with _save_settings(), PdfPages(buffer, metadata=metadata) as pdf:
        for done, page in enumerate(listed, 1):
            _save(pdf, page.draw())
            if on_progress is not None:
                on_progress(done, len(listed), page.label)
    return buffer.getvalue()


def client_report(
    routine: Routine,
    catalog: Catalog,
    *,
    client_name: str,
    made_on: date,
    trainer_notes: str = "",
    charts: Sequence[Chart | ChartPicture | ChartPanels] = (),
    on_progress: ProgressCallback | None = None,
    drawn: bool = False,
) -> bytes:
    """The routine handout, then one A4 page per (heading, chart) pair, numbered, as a PDF;
    with `drawn`, each chart gives its picture's PNG bytes instead of a Figure, and a chart
    given as panels fills pages of its own."""
    pages = handout_pages(
        routine, catalog, client_name=client_name, trainer_notes=trainer_notes, made_on=made_on
    )
    page = chart_picture_page if drawn else chart_page
    progress: list[Page] = []
    for heading, chart in charts:
        if isinstance(chart, tuple):
            progress += chart_panel_pages(heading, chart, client_name=client_name, made_on=made_on)
        else:
            progress.append(page(heading, chart, client_name=client_name, made_on=made_on))  # type: ignore[arg-type]
    return build_pdf(
        numbered([*pages, *progress]),
        title=f"Your stretching routine: {client_name}",
        on_progress=on_progress,
    )
