"""The Access tab: who read or changed the chosen client's record and when, newest first,
filtered by kind and by trainer; an admin also sees the whole studio's exports and
deletions. It only reads the log through a service."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _
from stretchkit.services.access_view import ALL, AccessView, client_access, studio_access
from stretchkit.services.events import ClientChanged
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.access_html import access_table
from stretchkit.views.html_parts import warning_html
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.panel import Panel, button

__all__ = ["AccessPanel"]

_INTRO = N_(
    "Every time a client's record is read or changed (in the workbook, on their dashboard, "
    "by a command), the access log keeps who did what and when. Entries cannot be changed or "
    "deleted."
)
_CLIENT, _STUDIO = "This client", "Studio: exports and deletions"
"""The scope's values, kept in English (the labels shown are translated)."""


class AccessPanel(Panel):
    """A client's access log with filters by kind and trainer; for an admin, a switch to the
    studio-wide view of exports and deletions."""

    css = ("sk-access",)

    def __init__(self, store: ProgressStore, *, current: CurrentClient | None = None) -> None:
        self.store = store
        self.picker = ClientPicker(store, lambda _c: self.refresh(), current)
        self.scope = w.ToggleButtons(
            options=[(_("This client"), _CLIENT), (_("Studio: exports and deletions"), _STUDIO)],
            value=_CLIENT,
            style={"button_width": "auto"},
        )
        self.scope.add_class("sk-access-scope")
        self.scope.layout.display = "" if store.access_log.sees_everyone else "none"
        self.kind = w.Dropdown(description=_("What"), options=[(_("Every kind"), ALL)], value=ALL)
        self.kind.add_class("sk-access-kind")
        self.trainer = w.Dropdown(description=_("Who"), options=[(_("Everyone"), ALL)], value=ALL)
        self.trainer.add_class("sk-access-trainer")
        self.reload = button(_("Refresh"), "refresh", "sk-access-refresh", self.refresh)
        self.table = w.HTML().add_class("sk-access-list")
        self.error = w.HTML().add_class("sk-access-error")
        for control in (self.scope, self.kind, self.trainer):
            control.observe(lambda _c: self.refresh(), names="value")
        row = w.HBox([self.kind, self.trainer, self.reload]).add_class("sk-access-filters")
        intro = w.HTML(f"<p class='sk-muted'>{escape(_(_INTRO))}</p>")
        super().__init__([intro, self.picker, self.scope, row, self.error, self.table])
        self._busy = False
        self.refresh()
        if current is not None:
            current.events.subscribe(self._changed)

    def _changed(self, change: ClientChanged) -> None:
        if change.client_id == self.picker.value:
            self.refresh()

    def _view(self) -> AccessView | None:
        kind, trainer = self.kind.value or ALL, self.trainer.value or ALL
        if self.scope.value == _STUDIO:
            return studio_access(self.store, kind=kind, trainer=trainer)
        client_id = self.picker.value
        if client_id is None:
            return None
        return client_access(self.store, client_id, kind=kind, trainer=trainer)

    def refresh(self) -> None:
        """List the entries as the log has them now, with the filters chosen."""
        if self._busy:
            return
        self.error.value = ""
        try:
            view = self._view()
        except StretchkitError as e:
            self.error.value = warning_html(e)
            return
        self.picker.layout.display = "none" if self.scope.value == _STUDIO else ""
        if view is None:
            said = escape(_("Choose a client to see their access log."))
            self.table.value = f"<p class='sk-muted'>{said}</p>"
            return
        self._offer(view)
        self.table.value = access_table(view)

    def _offer(self, view: AccessView) -> None:
        """The filters offer the kinds and trainers there are, keeping what was chosen."""
        self._busy = True
        try:
            kinds = [(_("Every kind"), ALL), *view.kinds]
            if self.kind.value not in (v for _l, v in kinds):
                kinds.append((self.kind.value, self.kind.value))
            self.kind.options, self.kind.value = kinds, self.kind.value
            trainers = [(_("Everyone"), ALL), *((t, t) for t in view.trainers)]
            if self.trainer.value not in (v for _l, v in trainers):
                trainers.append((self.trainer.value, self.trainer.value))
            self.trainer.options, self.trainer.value = trainers, self.trainer.value
        finally:
            self._busy = False
