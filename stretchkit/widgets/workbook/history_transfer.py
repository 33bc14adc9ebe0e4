"""A client's history as a CSV download, and CSV import of history kept elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.plurals import counted
from stretchkit.progress.history_csv import CsvImportError
from stretchkit.services.history_files import history_download, import_history
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import download_link, error_html, html_list, warning_html
from stretchkit.widgets.kit.data_copy import DataCopyDownload
from stretchkit.widgets.kit.panel import button

__all__ = ["HistoryTransfer", "csv_link"]

_HELP = (
    '<p class="sk-muted">One row per session, hold or measurement, named in the '
    "<code>kind</code> column; start from an exported file to see the columns. A file with "
    "any bad line is refused whole, with every bad line listed.</p>"
)
_CHOOSE = "Choose a CSV file"
"""The upload button's words: its count of files ('(0)'), which the button adds to them, is
hidden by the styles (`.sk-import-file`); the file chosen is named beside it instead."""

_COPY_HELP = (
    '<p class="sk-muted">For a client who asks for their data: everything stored about them '
    "(never your private notes) as JSON and CSV in one ZIP, with a README; the same file as "
    "<em>Download my data</em> on their page.</p>"
)


def csv_link(file_name: str, text: str, rows: int) -> str:
    """A link that saves the text as a CSV file, with its number of rows."""
    link = download_link(text.encode("utf-8"), file_name, "text/csv", f"\u2b07 {file_name}")
    return f'{link} <span class="sk-muted">({counted(rows, "row")})</span>'


class HistoryTransfer(w.VBox):  # type: ignore[misc]
    """Export CSV and Import buttons for the client that `client_id()` names (None: no client
    chosen yet), e.g. `HistoryTransfer(store, lambda: picker.value)`; call `reset()` when the
    client changes, and pass `on_import` to refresh views after an import."""

    def __init__(
        self,
        store: ProgressStore,
        client_id: Callable[[], int | None],
        today: Callable[[], date] = date.today,
        *,
        on_import: Callable[[], None] | None = None,
    ) -> None:
        self.store, self.client_id, self.today, self.on_import = store, client_id, today, on_import
        self.export_button = button("Export CSV", "download", "sk-export-csv", self.export)
        self.link = w.HTML().add_class("sk-export-link")
        self.upload = w.FileUpload(accept=".csv", multiple=False, description=_CHOOSE)
        self.upload.add_class("sk-import-file")
        self.chosen = w.HTML().add_class("sk-chosen-file")
        self.upload.observe(lambda _c: self._show_chosen(), names="value")
        self.import_button = button("Import", "upload", "sk-import-csv", self.import_file)
        self.result = w.HTML().add_class("sk-import-result")
        self.copy = DataCopyDownload(store, client_id, label="Client's own copy (ZIP)")
        super().__init__(self._parts())
        self.add_class("sk-history")

    def _parts(self) -> list[w.Widget]:
        """The title, the export row, a word on the format, the import row and its result."""
        return [
            w.HTML("<h3>History as CSV</h3>"),
            w.HBox([self.export_button, self.link]),
            w.HTML(_HELP),
            w.HBox([self.upload, self.chosen, self.import_button]),
            self.result,
            w.HTML(_COPY_HELP),
            self.copy,
        ]

    def _show_chosen(self) -> None:
        """Name the file chosen to import ('' once imported or none chosen)."""
        files = self.upload.value
        self.chosen.value = (
            f'<span class="sk-muted">{escape(str(files[0]["name"]))}</span>' if files else ""
        )

    def reset(self) -> None:
        """Forget the last download link and import result (another client was chosen)."""
        self.link.value = self.result.value = ""
        self.copy.reset()

    def export(self) -> None:
        """Offer the chosen client's whole history as a CSV download."""
        client_id = self.client_id()
        if client_id is None:
            self.link.value = warning_html("Choose a client first.")
            return
        try:
            made = history_download(self.store, client_id)
        except StretchkitError as e:
            self.link.value = error_html(e)
            return
        self.link.value = csv_link(made.name, made.text, made.rows)

    def import_file(self) -> None:
        """Add the uploaded CSV file to the chosen client: all of it, or nothing and the list
        of bad lines (the file stays selected to import again once fixed)."""
        client_id, files = self.client_id(), self.upload.value
        if client_id is None or not files:
            what = "a client" if client_id is None else "a CSV file"
            self.result.value = warning_html(f"Choose {what} first.")
            return
        name = str(files[0]["name"])
        try:
            summary = import_history(
                self.store, client_id, bytes(files[0]["content"]), today=self.today()
            )
        except CsvImportError as e:
            failed = f"Nothing was imported from {name}. Fix these lines and import again:"
            self.result.value = error_html(failed) + html_list(e.lines())
            return
        except StretchkitError as e:
            self.result.value = error_html(f"Nothing was imported from {name}: {e}")
            return
        self.upload.value = ()
        self.link.value = ""
        self.result.value = f"<p>Imported {escape(summary.text)} from {escape(name)}.</p>"
        if self.on_import is not None:
            self.on_import()
