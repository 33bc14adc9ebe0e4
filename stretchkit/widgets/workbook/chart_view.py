"""A chart as a picture that scales to the screen, with its text alternative (what it shows,
in words) and PNG and PDF downloads."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from matplotlib.figure import Figure

from stretchkit.charts import figure_pdf, figure_png
from stretchkit.charts.chart_layout import CHART_DPI
from stretchkit.views.html_parts import download_link, png_img_html
from stretchkit.widgets.kit.panel import button

__all__ = ["ChartView"]

_STYLE = "width: 100%; height: auto; display: block;"
_BUTTON = "sk-download-button"
"""A download link drawn as a button, beside the PDF button."""


def _png_link(png: bytes, filename: str) -> str:
    return download_link(png, f"{filename}.png", "image/png", "\u2b07 PNG", _BUTTON)


class ChartView(w.VBox):  # type: ignore[misc]
    """One chart: the picture, a PNG download button, and a button that makes a PDF to
    print (its download button then beside it)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.figure: Figure | None = None
        self.make: Callable[[], Figure] | None = None
        self.filename = name
        self.png = b""
        self.alt = ""
        self.image = w.HTML(layout=w.Layout(width="100%", max_width="640px"))
        self.image.add_class("sk-chart-picture")
        self.links = w.HTML().add_class("sk-chart-links")
        self.pdf = button("PDF", "file-pdf", f"sk-chart-pdf-{name}", self.make_pdf)
        row = w.HBox([self.links, self.pdf], layout=w.Layout(flex_flow="row wrap"))
        super().__init__([self.image, row.add_class("sk-chart-downloads")])
        self.add_class("sk-chart")

    def show(self, figure: Figure, filename: str, alt: str) -> None:
        """Draw a new figure with its text alternative `alt`; `filename` (no extension)
        names its downloads."""
        self.figure, self.make, self.filename, self.alt = figure, None, filename, alt
        self.png = png = figure_png(figure, dpi=CHART_DPI, crop=False)
        self.image.value = png_img_html(png, f"sk-chart-{self.name}", alt, _STYLE)
        self.links.value = _png_link(png, filename)

    def show_png(self, png: bytes, make: Callable[[], Figure], filename: str, alt: str) -> None:
        """Show a chart already drawn as `png` (e.g. kept by the store), with its text
        alternative `alt`; `make` draws its figure again if a PDF is asked for."""
        self.figure, self.make, self.filename, self.alt = None, make, filename, alt
        self.png = png
        self.image.value = png_img_html(png, f"sk-chart-{self.name}", alt, _STYLE)
        self.links.value = _png_link(png, filename)

    def make_pdf(self) -> None:
        """Add a link to the chart as a PDF."""
        if self.figure is None and self.make is not None:
            self.figure = self.make()
        if self.figure is None:
            return
        pdf = figure_pdf(self.figure, crop=False)
        pdf_link = download_link(
            pdf, f"{self.filename}.pdf", "application/pdf", "\u2b07 PDF", _BUTTON
        )
        self.links.value = f"{_png_link(self.png, self.filename)} {pdf_link}"
