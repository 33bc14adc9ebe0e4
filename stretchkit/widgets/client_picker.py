"""Choose a client, or add a new one, without losing what was typed on an error."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from stretchkit.clients import ClientDetails
from stretchkit.errors import StretchkitError
from stretchkit.store.protocol import ProgressStore
from stretchkit.widgets.html_parts import warning_html

__all__ = ["ClientPicker"]


class ClientPicker(w.VBox):  # type: ignore[misc]
    """A client dropdown plus an 'add client' form; `value` is the chosen client id or None."""

    def __init__(self, store: ProgressStore, on_change: Callable[[int | None], None]) -> None:
        self.store = store
        self._on_change = on_change
        self.client = w.Dropdown(
            description="Client", layout=w.Layout(width="100%", max_width="420px")
        )
        self.client.add_class("sk-client-picker")
        self.name = w.Text(description="Name", placeholder="e.g. Robin Ashdown").add_class(
            "sk-new-name"
        )
        self.contact = w.Text(description="Contact", placeholder="email or phone")
        self.notes = w.Textarea(description="Notes", placeholder="goals, preferences")
        self.add = w.Button(description="Add client", icon="user-plus").add_class("sk-add-client")
        self.error = w.HTML().add_class("sk-error")
        self.add.on_click(lambda _b: self.add_client())
        self.client.observe(lambda _c: self._on_change(self.value), names="value")
        new = w.Accordion(
            [w.VBox([self.name, self.contact, self.notes, self.add, self.error])],
            titles=("New client",),
        )
        super().__init__([self.client, new])
        self.refresh()

    @property
    def value(self) -> int | None:
        """The chosen client's id, or None."""
        chosen: int | None = self.client.value
        return chosen

    def refresh(self, select: int | None = None) -> None:
        """Reload the client list, keeping (or moving to) a selection."""
        clients = self.store.clients.active()  # archived clients are not picked
        self.client.options = [("Choose a client...", None), *((c.name, c.id) for c in clients)]
        self.client.value = select if select is not None else None

    def add_client(self) -> None:
        """Create the client typed in the form; on error show it and keep the typed text."""
        try:
            details = ClientDetails(self.name.value, self.contact.value, self.notes.value)
            client = self.store.clients.add(details)
        except StretchkitError as e:
            self.error.value = warning_html(e)
            return
        self.error.value = ""
        self.name.value = self.contact.value = self.notes.value = ""
        self.refresh(select=client.id)
