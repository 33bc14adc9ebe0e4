"""The client's own copy of their data as a download: a button that has the service make the
ZIP (stretchkit.services.client_copy) for one client, and the link that saves it. The
client's dashboard shows it as "Download my data"; the workbook's progress view offers the
same file for a client who asks by e-mail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _
from stretchkit.services.client_copy import (
    AccessEntries,
    client_copy_bytes,
    client_copy_name,
)
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import download_link, warning_html
from stretchkit.widgets.kit.panel import button

__all__ = ["COPY_HELP", "DataCopyDownload"]

COPY_HELP = N_(
    "A copy of everything stored about you: your screenings with your answers, routines, "
    "sessions and every hold, field tests, back ratings and who looked at your record, as "
    "JSON and as spreadsheet (CSV) files in one ZIP, with a README saying what each holds. "
    "Keep it private: it is health data."
)
"""What the dashboard says about the copy, to the client."""


def _now() -> datetime:
    return datetime.now().astimezone()


class DataCopyDownload(w.VBox):  # type: ignore[misc]
    """A button making the copy of the client `client_id()` names (None: none chosen) and
    the link that saves it; `still_valid()` is asked first (a revoked link gets no copy)."""

    def __init__(
        self,
        store: ProgressStore,
        client_id: Callable[[], int | None],
        *,
        label: str = N_("Download my data"),
        still_valid: Callable[[], bool] = lambda: True,
        refused: str = "This link is no longer valid.",
        access_log: Callable[[int], Callable[[], AccessEntries] | None] = lambda _c: None,
        now: Callable[[], datetime] = _now,
    ) -> None:
        self.store, self.client_id, self.still_valid = store, client_id, still_valid
        self.refused, self.access_log, self.now = refused, access_log, now
        self.make = button(_(label), "download", "sk-data-copy", self.build)
        self.result = w.HTML().add_class("sk-data-copy-result").add_class("sk-live")
        super().__init__([self.make, self.result])
        self.add_class("sk-data-copy-box")

    def reset(self) -> None:
        """Forget the last link (another client was chosen)."""
        self.result.value = ""

    def build(self) -> None:
        """Make the copy and offer it as a download; a problem is said, never a traceback."""
        self.result.value = ""
        chosen = self.client_id()
        if chosen is None:
            self.result.value = warning_html(_("Choose a client first."))
            return
        if not self.still_valid():
            self.result.value = warning_html(_(self.refused))
            return
        made_at = self.now()
        try:
            log = self.access_log(chosen)
            data, counts = client_copy_bytes(self.store, chosen, made_at=made_at, access_log=log)
            name = client_copy_name(self.store.clients.get(chosen), made_at)
        except StretchkitError as e:
            self.result.value = warning_html(e)
            return
        saving = "\u2b07 " + _("Save {name}").format(name=name)
        link = download_link(data, name, "application/zip", saving)
        self.result.value = f'<p>{link} <span class="sk-muted">({escape(counts.text)})</span></p>'
