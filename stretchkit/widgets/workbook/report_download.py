"""A button that builds a PDF report, a progress bar while it builds, then a download link.

The link carries the PDF inline (a ``data:`` address), so it works in JupyterLab and in Voila
without serving files. Problems are shown as a plain sentence, never as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.file_names import file_stem
from stretchkit.i18n import N_, _
from stretchkit.i18n.formatting import format_number
from stretchkit.views.html_parts import download_link, error_html
from stretchkit.widgets.kit.panel import Panel, button

__all__ = ["GENERIC_ERROR", "ReportDownload", "download_link_html", "safe_filename"]

ProgressCallback = Callable[[int, int, str], None]
Builder = Callable[[ProgressCallback], bytes]
GENERIC_ERROR = N_(
    "Sorry, the PDF could not be made this time. Please try again; if it keeps happening, "
    "restart the workbook."
)
"""In English; shown translated (`_(GENERIC_ERROR)`)."""
_LOG = logging.getLogger(__name__)


def safe_filename(name: str, default: str = "report") -> str:
    """A plain file name ending in .pdf: accents dropped, spaces and symbols as dashes."""
    return f"{file_stem(name.strip().lower().removesuffix('.pdf'), default)}.pdf"


def download_link_html(data: bytes, filename: str) -> str:
    """A link that downloads the PDF bytes as `filename` (already made safe)."""
    size = f"{format_number(max(round(len(data) / 1024), 1), digits=0)} KB"
    said = _("Download {file}").format(file=filename)
    link = download_link(data, filename, "application/pdf", f"\u2b07 {said}")
    return f'{link} <span class="sk-muted">({size})</span>'


class ReportDownload(Panel):
    """Build a PDF with `build(on_progress)` on a click, showing its progress, then a link."""

    css = ("sk-report",)

    def __init__(self, build: Builder, filename: str, label: str = "") -> None:
        self.build, self.filename = build, safe_filename(filename)
        said = label or _("Build PDF")
        self.button = button(said, "file-pdf-o", "sk-report-build", self.make, "primary")
        self.progress = w.IntProgress(value=0, min=0, max=1, description="")
        self.progress.add_class("sk-report-progress")
        self.status = w.HTML().add_class("sk-report-status")
        self.link = w.HTML().add_class("sk-report-link")
        self.error = w.HTML().add_class("sk-report-error")
        self.working = w.HBox([self.progress, self.status], layout=w.Layout(display="none"))
        super().__init__([self.button, self.working, self.link, self.error])

    def _started(self) -> None:
        self.button.disabled = True
        self.link.value = self.error.value = ""
        self.progress.value, self.progress.max = 0, 1
        self.progress.description, self.progress.bar_style = "", ""
        self.status.value = escape(_("Preparing the PDF…"))
        self.working.layout.display = None

    def on_progress(self, done: int, total: int, label: str) -> None:
        """Show that `done` of `total` pages are made, the last one being `label`."""
        self.progress.max = max(total, 1)
        self.progress.value = min(done, self.progress.max)
        self.progress.description = f"{done}/{total}"
        said = _("Page {done} of {total}: {page}").format(done=done, total=total, page=label)
        self.status.value = escape(said)

    def _failed(self, message: str) -> None:
        self.error.value = error_html(message)
        self.progress.bar_style = "danger"
        self.status.value = escape(_("The PDF was not made."))

    def make(self) -> None:
        """Build the PDF now and show its download link, or say what went wrong."""
        self._started()
        try:
            data = self.build(self.on_progress)
        except StretchkitError as e:
            self._failed(str(e))
        except Exception:
            _LOG.exception("building %s failed", self.filename)
            self._failed(_(GENERIC_ERROR))
        else:
            self.link.value = download_link_html(data, self.filename)
            self.progress.bar_style = "success"
            self.status.value = escape(_("Ready."))
        finally:
            self.button.disabled = False
