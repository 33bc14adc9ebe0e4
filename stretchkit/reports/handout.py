"""A client's routine as printable A4 pages: the summary and safety rules, then each stretch;
and the progress pages that follow it in the client's report.

The public entry to the handout, in three parts: what it says (`handout_content`, plain
values), the page factories that set it (`page_factories`) and the typesetting engine under
them (`layout`). Pages are laid out first and drawn only when a page is asked for, so a report
can say which page it is drawing.
"""

from __future__ import annotations

from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.planning.routine import Routine
from stretchkit.reports.handout_content import handout_content
from stretchkit.reports.layout import FONT, PAGE_SIZE, Page, PageFactory, numbered
from stretchkit.reports.page_factories import (
    NOTE_MAX_LINES,
    chart_page,
    chart_panel_pages,
    chart_picture,
    chart_picture_page,
    pages_of,
)

__all__ = [
    "FONT",
    "NOTE_MAX_LINES",
    "PAGE_SIZE",
    "Page",
    "PageFactory",
    "chart_page",
    "chart_panel_pages",
    "chart_picture",
    "chart_picture_page",
    "handout_pages",
    "numbered",
]


def handout_pages(
    routine: Routine,
    catalog: Catalog,
    *,
    client_name: str,
    trainer_notes: str = "",
    made_on: date,
) -> list[Page]:
    """The routine handout as A4 pages, laid out now and drawn one by one when asked."""
    content = handout_content(
        routine, catalog, client_name=client_name, trainer_notes=trainer_notes, made_on=made_on
    )
    return pages_of(content, catalog)
