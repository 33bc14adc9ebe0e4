"""A client's history as a CSV download, and CSV import of history kept elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _
from stretchkit.plurals import counted
from stretchkit.progress.history_csv import CsvImportError
from stretchkit.services.history_files import history_download, import_history
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import download_link, error_html, html_list, warning_html
from stretchkit.widgets.kit.data_copy import DataCopyDownload
from stretchkit.widgets.kit.panel import button

__all__ = ["HistoryTransfer", "csv_link"]

_HELP = N_(
    "One row per session, hold or measurement, named in the {kind} column; start from an "
    "exported file to see the columns. A file with any bad line is refused whole, with every "
    "bad line listed."
)
_CHOOSE = N_("Choose a CSV file")
"""The upload button's words: its count of files ('(0)'), which the button adds to them, is
hidden by the styles (`.sk-import-file`); the file chosen is named beside it instead."""

_COPY_HELP = N_(
    "For a client who asks for their data: everything stored about them (never your private "
    "notes) as JSON and CSV in one ZIP, with a README; the same file as {download} on their "
    "page."
)


def _help() -> str:
    """A word on the CSV format (the column's name, `kind`, is the file's own)."""
    said = escape(_(_HELP)).format(kind="<code>kind</code>")
    return f'<p class="sk-muted">{said}</p>'


def _copy_help() -> str:
    """What the client's own copy holds, naming the button on their page."""
    button_name = _("Download my data")
    said = escape(_(_COPY_HELP)).format(download=f"<em>{escape(button_name)}</em>")
    return f'<p class="sk-muted">{said}</p>'


def csv_link(file_name: str, text: str, rows: int) -> str:
    """A link that saves the text as a CSV file, with its number of rows."""
    link = download_link(text.encode("utf-8"), file_name, "text/csv", f"\u2b07 {file_name}")
    return f'{link} <span class="sk-muted">({escape(counted(rows, "row"))})</span>'


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
        self.export_button = button(_("Export CSV"), "download", "sk-export-csv", self.export)
        self.link = w.HTML().add_class("sk-export-link")
        self.upload = w.FileUpload(accept=".csv", multiple=False, description=_(_CHOOSE))
        self.upload.add_class("sk-import-file")
        self.chosen = w.HTML().add_class("sk-chosen-file")
        self.upload.observe(lambda _c: self._show_chosen(), names="value")
        self.import_button = button(_("Import"), "upload", "sk-import-csv", self.import_file)
        self.result = w.HTML().add_class("sk-import-result")
        self.copy = DataCopyDownload(store, client_id, label=_("Client's own copy (ZIP)"))
        super().__init__(self._parts())
        self.add_class("sk-history")

    def _parts(self) -> list[w.Widget]:
        """The title, the export row, a word on the format, the import row and its result."""
        title = _("History as CSV")
        return [
            w.HTML(f"<h3>{escape(title)}</h3>"),
            w.HBox([self.export_button, self.link]),
            w.HTML(_help()),
            w.HBox([self.upload, self.chosen, self.import_button]),
            self.result,
            w.HTML(_copy_help()),
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
            self.link.value = warning_html(_("Choose a client first."))
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
            first = (
                _("Choose a client first.") if client_id is None else _("Choose a CSV file first.")
            )
            self.result.value = warning_html(first)
            return
        name = str(files[0]["name"])
        try:
            summary = import_history(
                self.store, client_id, bytes(files[0]["content"]), today=self.today()
            )
        except CsvImportError as e:
            failed = _("Nothing was imported from {file}. Fix these lines and import again:")
            failed = failed.format(file=name)
            self.result.value = error_html(failed) + html_list(e.lines())
            return
        except StretchkitError as e:
            failed = _("Nothing was imported from {file}: {problem}")
            self.result.value = error_html(failed.format(file=name, problem=e))
            return
        self.upload.value = ()
        self.link.value = ""
        said = _("Imported {what} from {file}.").format(what=summary.text, file=name)
        self.result.value = f"<p>{escape(said)}</p>"
        if self.on_import is not None:
            self.on_import()
