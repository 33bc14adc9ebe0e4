"""Render a figure to PNG, SVG or PDF in memory, without pyplot or files on disk."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

__all__ = ["figure_pdf", "figure_png", "figure_svg"]


def _render(fig: Figure, fmt: str, dpi: float | None = None) -> bytes:
    """The bytes of ``fig`` saved as ``fmt``, cropped to its drawn content."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi or "figure", bbox_inches="tight", pad_inches=0.08)
    return buffer.getvalue()


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """``fig`` as PNG bytes at ``dpi`` dots per inch."""
    return _render(fig, "png", dpi)


def figure_svg(fig: Figure) -> str:
    """``fig`` as an SVG document (text), ready to inline in HTML."""
    return _render(fig, "svg").decode("utf-8")


def figure_pdf(fig: Figure) -> bytes:
    """``fig`` as PDF bytes, for printing a handout."""
    return _render(fig, "pdf")
