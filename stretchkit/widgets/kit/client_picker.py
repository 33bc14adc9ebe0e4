"""Choose a client, or add a new one, without losing what was typed on an error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from typing import Any

import ipywidgets as w

from stretchkit.clients import (
    CLIENT_NOTE_HINT,
    CLIENT_NOTE_LABEL,
    PRIVATE_NOTES_HINT,
    PRIVATE_NOTES_LABEL,
    ClientDetails,
)
from stretchkit.errors import StretchkitError
from stretchkit.i18n import N_, _
from stretchkit.services.client_records import add_client, pickable_clients
from stretchkit.services.events import Change, ClientChanged, ClientEvents
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import warning_html
from stretchkit.widgets.kit.current_client import CurrentClient, announce_change

__all__ = ["CHOOSE_A_CLIENT", "ClientPicker"]

CHOOSE_A_CLIENT = N_("Choose a client")
"""The dropdown's first option, in English (shown translated: `_(CHOOSE_A_CLIENT)`)."""
_NO_CLIENT = 0
"""The dropdown's value for no client: a Dropdown whose value is None shows a blank box, so
"no client" is an option of its own (store ids start at 1)."""
_WIDE = {"description_width": "initial"}


def _hint(text: str) -> w.HTML:
    """A line under a field saying who reads it."""
    return w.HTML(f'<small class="sk-field-hint">{escape(text)}</small>')


class ClientPicker(w.VBox):  # type: ignore[misc]
    """A client dropdown plus an 'add client' form (or, in the workbook, a button to the one
    place clients are added); `value` is the chosen client id or None.
    Given a `current` client, it starts on it, follows it and sets it when changed here, and
    lists a client added, renamed, archived or deleted elsewhere at once."""

    def __init__(
        self,
        store: ProgressStore,
        on_change: Callable[[int | None], None],
        current: CurrentClient | None = None,
    ) -> None:
        self.store = store
        self._on_change = on_change
        self.current = current
        self._quiet = False
        self.client = w.Dropdown(
            options=[(_(CHOOSE_A_CLIENT), _NO_CLIENT)],
            value=_NO_CLIENT,
            description=_("Client"),
            layout=w.Layout(width="100%", max_width="420px"),
        )
        self.client.add_class("sk-client-picker")
        self.name = w.Text(description=_("Name"), placeholder=_("e.g. Robin Ashdown"))
        self.name.add_class("sk-new-name")
        self.contact = w.Text(description=_("Contact"), placeholder=_("email or phone"))
        self.notes = w.Textarea(
            description=_(PRIVATE_NOTES_LABEL), placeholder=_("goals, preferences"), style=_WIDE
        )
        self.client_note = w.Textarea(description=_(CLIENT_NOTE_LABEL), style=_WIDE)
        self.client_note.add_class("sk-new-client-note")
        self.add = w.Button(description=_("Add client"), icon="user-plus")
        self.add.add_class("sk-add-client")
        self.error = w.HTML().add_class("sk-error")
        self.add.on_click(lambda _b: self.add_client())
        self.client.observe(self._chosen, names="value")
        self.new_form = w.Accordion(
            [w.VBox([self.name, self.contact, *self._notes_parts(), self.add, self.error])],
            titles=(_("New client"),),
        )
        super().__init__([self.client, self.new_form])
        self.refresh(select=current.client_id if current is not None else None)
        if current is not None:
            current.observe(lambda c: self._follow(c["new"]), names="client_id")
            current.events.subscribe(self._changed)

    def send_new_clients_to(self, on_new: Callable[[], None] | None) -> None:
        """Add clients elsewhere: the form goes, and (given `on_new`) a 'New client' button
        beside the dropdown calls `on_new` (the workbook opens its Clients tab's form)."""
        self.new_form.close()
        if on_new is None:
            self.children = (self.client,)
            return
        go = w.Button(
            description=_("New client"),
            icon="user-plus",
            tooltip=_("Add a client on the Clients tab"),
            layout=w.Layout(width="auto", min_width="120px"),
        ).add_class("sk-picker-new-client")
        go.on_click(lambda _b: on_new())
        self.children = (w.HBox([self.client, go], layout=w.Layout(flex_flow="row wrap")),)

    def _notes_parts(self) -> list[w.Widget]:
        """The private notes and the note for the client, each with who reads it."""
        notes_hint, client_hint = _hint(_(PRIVATE_NOTES_HINT)), _hint(_(CLIENT_NOTE_HINT))
        return [self.notes, notes_hint, self.client_note, client_hint]

    @property
    def value(self) -> int | None:
        """The chosen client's id, or None."""
        chosen: int | None = self.client.value
        return None if chosen == _NO_CLIENT else chosen

    def refresh(self, select: int | None = None) -> None:
        """Reload the client list, keeping (or moving to) a selection; the screen is told only
        when the chosen client changes."""
        before = self.value
        clients = pickable_clients(self.store)  # archived clients are not picked
        target = select if select in {c.id for c in clients} else None
        with self._quietly():
            self.client.options = [
                (_(CHOOSE_A_CLIENT), _NO_CLIENT),
                *((c.name, c.id) for c in clients),
            ]
            self.client.value = _NO_CLIENT if target is None else target
        if target != before:
            self._chosen(None)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Change the dropdown without telling anyone (a new option list resets its value)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _chosen(self, _change: Any) -> None:
        if self._quiet:
            return
        if self.current is not None:
            self.current.client_id = self.value
        self._on_change(self.value)

    def _changed(self, change: ClientChanged) -> None:
        """List the clients afresh when one was added, renamed, archived or deleted."""
        if change.listing:
            self.refresh(select=self.value)

    def announce(self, client_id: int, what: Change) -> None:
        """Tell every screen sharing the current client that this client changed."""
        announce_change(self.current, client_id, what)

    def _follow(self, client_id: int | None) -> None:
        """Show the shared current client (reloading the list for a client added elsewhere)."""
        if client_id == self.value:
            return
        if client_id is None or client_id not in dict(self.client.options).values():
            self.refresh(select=client_id)  # reloaded: a client renamed or deleted elsewhere
        else:
            self.client.value = client_id

    def add_client(self) -> None:
        """Create the client typed in the form; on error show it and keep the typed text."""
        try:
            details = ClientDetails(
                self.name.value, self.contact.value, self.notes.value, self.client_note.value
            )
            client = add_client(self.store, details, self._events())
        except StretchkitError as e:
            self.error.value = warning_html(e)
            return
        self.error.value = ""
        self.name.value = self.contact.value = self.notes.value = self.client_note.value = ""
        self.refresh(select=client.id)

    def _events(self) -> ClientEvents | None:
        return None if self.current is None else self.current.events
