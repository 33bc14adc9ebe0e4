"""Find, edit and delete clients from the workbook: a delete first says exactly what goes."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from stretchkit.clients import ClientDetails
from stretchkit.errors import StretchkitError
from stretchkit.store.protocol import ProgressStore
from stretchkit.widgets.current_client import CurrentClient
from stretchkit.widgets.html_parts import warning_html

__all__ = ["ClientManager", "deletion_summary"]


def _count(n: int, one: str) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {one}s"


def deletion_summary(store: ProgressStore, client_id: int) -> str:
    """'Robin Ashdown and their 2 screenings, 14 sessions (92 holds), ...' for a confirmation."""
    name = store.clients.get(client_id).name
    sessions = store.sessions.of_client(client_id)
    holds = sum(len(store.sessions.holds(s.id)) for s in sessions)
    parts = [
        _count(len(store.screenings.history(client_id)), "screening"),
        _count(len(store.routines.history(client_id)), "routine"),
        f"{_count(len(sessions), 'session')} ({_count(holds, 'logged hold')})",
        _count(len(store.measurements.of_client(client_id)), "field test result"),
        _count(len(store.back_ratings.of_client(client_id)), "back rating"),
        _count(len(store.links.of_client(client_id)), "dashboard link"),
    ]
    return f"{name} and their " + ", ".join(parts)


class ClientManager(w.VBox):  # type: ignore[misc]
    """Search the clients, edit the chosen one's name, contact and notes, or delete them
    (after a confirmation naming the client and what is kept about them)."""

    def __init__(self, store: ProgressStore, current: CurrentClient) -> None:
        self.store, self.current = store, current
        self.search = w.Text(description="Search", placeholder="part of a name or contact")
        self.search.add_class("sk-client-search")
        self.found = w.Select(rows=6, layout=w.Layout(width="100%", max_width="420px"))
        self.found.add_class("sk-client-found")
        self.name = w.Text(description="Name").add_class("sk-edit-name")
        self.contact = w.Text(description="Contact").add_class("sk-edit-contact")
        self.notes = w.Textarea(description="Notes").add_class("sk-edit-notes")
        self.save = w.Button(description="Save changes", icon="save").add_class("sk-edit-save")
        self.delete = w.Button(description="Delete client…", icon="trash", button_style="danger")
        self.delete.add_class("sk-delete-client")
        self.message = w.HTML().add_class("sk-client-message")
        self.confirm_text = w.HTML().add_class("sk-delete-confirm-text")
        self.confirm = w.Button(description="Delete for good", button_style="danger")
        self.confirm.add_class("sk-delete-confirm")
        self.keep = w.Button(description="Keep the client").add_class("sk-delete-cancel")
        self.confirm_box = w.VBox([self.confirm_text, w.HBox([self.confirm, self.keep])])
        self.confirm_box.layout.display = "none"
        self.editor = w.VBox(
            [self.name, self.contact, self.notes, w.HBox([self.save, self.delete])]
        )
        self.search.observe(lambda _c: self.refresh(), names="value")
        self.found.observe(lambda _c: self._picked(), names="value")
        current.observe(lambda _c: self._show(), names="client_id")
        self.save.on_click(lambda _b: self.save_changes())
        self.delete.on_click(lambda _b: self.ask_to_delete())
        self.confirm.on_click(lambda _b: self.delete_client())
        self.keep.on_click(lambda _b: self._close_confirmation())
        super().__init__(
            [
                w.HTML("<h3>Find and edit a client</h3>"),
                self.search,
                self.found,
                self.editor,
                self.confirm_box,
                self.message,
            ]
        )
        self.add_class("sk-client-manager")
        self.refresh()

    def refresh(self) -> None:
        """List the clients matching the search (name or contact, any case)."""
        term = self.search.value.strip().casefold()
        clients = [
            c
            for c in self.store.clients.all()
            if term in c.name.casefold() or term in c.details.contact.casefold()
        ]
        self.found.options = [(c.name, c.id) for c in clients]
        ids = {c.id for c in clients}
        self.found.value = self.current.client_id if self.current.client_id in ids else None
        self._show()

    def _picked(self) -> None:
        if self.found.value is not None:
            self.current.client_id = self.found.value

    def _show(self) -> None:
        """Fill the editor with the current client (hidden when none is chosen)."""
        self._close_confirmation()
        client_id = self.current.client_id
        self.editor.layout.display = "none" if client_id is None else ""
        if client_id is None:
            return
        details = self.store.clients.get(client_id).details
        self.name.value, self.contact.value = details.name, details.contact
        self.notes.value = details.notes
        if client_id in dict(self.found.options).values():
            self.found.value = client_id

    def save_changes(self) -> None:
        """Save the edited details; on bad input say why and keep what was typed."""
        client_id = self.current.client_id
        if client_id is None:
            return
        try:
            details = ClientDetails(self.name.value, self.contact.value, self.notes.value)
            saved = self.store.clients.update(client_id, details)
        except StretchkitError as e:
            self.message.value = warning_html(e)
            return
        self.message.value = f'<p class="sk-saved">Saved {escape(saved.name)}.</p>'
        self._reload_list(client_id)

    def ask_to_delete(self) -> None:
        """Say exactly what a delete removes, and wait for a confirmation."""
        client_id = self.current.client_id
        if client_id is None:
            return
        what = escape(deletion_summary(self.store, client_id))
        self.confirm_text.value = f'<p class="sk-warning">Delete {what}? This cannot be undone.</p>'
        self.confirm_box.layout.display = ""

    def delete_client(self) -> None:
        """Delete the current client and every row about them."""
        client_id = self.current.client_id
        if client_id is None:
            return
        name = self.store.clients.get(client_id).name
        self.store.clients.delete(client_id)
        self.current.client_id = None
        self.message.value = f'<p class="sk-saved">Deleted {escape(name)}.</p>'
        self._reload_list(None)

    def _close_confirmation(self) -> None:
        self.confirm_box.layout.display = "none"
        self.confirm_text.value = ""

    def _reload_list(self, client_id: int | None) -> None:
        self.refresh()
        # Pickers list clients by name: a renamed or deleted one is shown again fresh.
        self.current.client_id = None
        self.current.client_id = client_id
