"""The back-feel chart's footnote is read whole: every line inside the picture."""

from __future__ import annotations

from datetime import date, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from stretchkit.catalog import Catalog
from stretchkit.charts.feel_chart import feel_chart
from stretchkit.progress.back_feel import FeelWeek
from stretchkit.progress.weekly import Progress, dose_guidance

MONDAY = date(2026, 3, 2)


def test_the_measurement_error_note_is_inside_the_picture_and_clear_of_the_axes(
    catalog: Catalog,
) -> None:
    """Drawn at the chart's own width (the phone's and the workbook's), the footnote's box
    lies inside the figure, below the lowest panel."""
    weeks = tuple(FeelWeek(MONDAY + timedelta(weeks=n), 5 - n / 4, 3, 1) for n in range(8))
    progress = Progress((), (), dose_guidance(catalog))
    fig = feel_chart(progress, weeks)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    notes = [
        t for t in fig.findobj(Text) if "measurement error" in t.get_text() and t.figure is fig
    ]
    note = next(t for t in notes if "2 points" in t.get_text())
    box, page = note.get_window_extent(renderer), fig.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0
    assert box.y1 < fig.axes[-1].get_window_extent(renderer).y0
