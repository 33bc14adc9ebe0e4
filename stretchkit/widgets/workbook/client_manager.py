"""The trainer's clients: search them, add one, edit a client's name, contact and notes,
archive a client (hidden from the pickers, everything kept) or restore them, and delete a
client with everything about them after a confirmation that says what goes."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from html import escape

import ipywidgets as w

from stretchkit.clients import (
    CLIENT_NOTE_HINT,
    CLIENT_NOTE_LABEL,
    PRIVATE_NOTES_HINT,
    PRIVATE_NOTES_LABEL,
    Client,
    ClientDetails,
)
from stretchkit.errors import StretchkitError
from stretchkit.i18n import LANGUAGE_NAMES, _
from stretchkit.i18n.formatting import format_day
from stretchkit.plurals import counted
from stretchkit.services.client_records import (
    add_client,
    archive_client,
    delete_client,
    edit_client,
    find_clients,
    get_client,
    matches,
    preview_delete,
    restore_client,
)
from stretchkit.services.events import ClientChanged, ClientEvents
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import error_html, warning_html
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.form_kit import FormKit
from stretchkit.widgets.kit.panel import Panel, button

__all__ = ["ClientManager", "client_label", "matches"]

_WIDE = {"description_width": "initial"}
_FIELDS = ("name", "contact", "notes", "client_note", "language")
"""The form's fields, in the order of ClientDetails."""
_BLANK: tuple[str, ...] = ("", "", "", "", "")


def _language_picker() -> w.Dropdown:
    """The language of the client's own page, handout and calendar: none (their phone's),
    or one stretchkit speaks, each by its own name."""
    options = [(_("Their phone's language"), ""), *((n, c) for c, n in LANGUAGE_NAMES.items())]
    return w.Dropdown(
        options=options,
        value="",
        description=_("Their language"),
        style=_WIDE,
        layout=w.Layout(width="100%", max_width="480px"),
    ).add_class("sk-client-language")


def _text(description: str, placeholder: str, css: str, *, area: bool = False) -> w.Text:
    """A detail of the client, with its CSS class sk-client-<css> (the same in every
    language)."""
    made = (w.Textarea if area else w.Text)(
        description=description, placeholder=placeholder, style=_WIDE if area else {}
    )
    return made.add_class(f"sk-client-{css}")


def _hint(text: str, css: str) -> w.HTML:
    """A line under a field saying who reads it."""
    return w.HTML(f'<small class="sk-field-hint">{escape(text)}</small>').add_class(css)


def client_label(client: Client) -> str:
    """How a client is listed: the name, the contact if any, and "archived" with the day for
    an archived client."""
    label = client.name
    if client.details.contact:
        label += f" · {client.details.contact}"
    if client.archived is not None:
        day = format_day(client.archived.astimezone().date())
        label = _("{client} (archived {day})").format(client=label, day=day)
    return label


class ClientManager(Panel):
    """Search, add, edit, archive, restore and delete clients. With `current`, the client
    chosen here is the workbook's current client and the list follows it; `on_change` is
    called with the client chosen in the list (None when none is)."""

    css = ("sk-clients",)

    def __init__(
        self,
        store: ProgressStore,
        current: CurrentClient | None = None,
        *,
        on_change: Callable[[int | None], None] | None = None,
    ) -> None:
        self.store = store
        self.current = current
        self._on_change = on_change
        self.form = FormKit(on_change=self._edited)
        self._shown: int | None = None
        """The client whose details the form shows (None: a new client)."""
        self.search = w.Text(
            description=_("Search"),
            placeholder=_("name, contact or notes"),
            continuous_update=True,
            style=_WIDE,
            layout=w.Layout(width="100%", max_width="420px"),
        ).add_class("sk-client-search")
        self.show_archived = w.Checkbox(
            description=_("Show archived clients"), indent=False, value=False
        ).add_class("sk-show-archived")
        self.list = w.Select(
            options=[],
            rows=8,
            description=_("Clients"),
            style=_WIDE,
            layout=w.Layout(width="100%", max_width="480px"),
        ).add_class("sk-client-list")
        self.found = w.HTML().add_class("sk-client-count")
        self.heading = w.HTML().add_class("sk-client-heading")
        name = _text(_("Name"), _("e.g. Robin Ashdown"), "name")
        self.name = self.form.add("name", name, "")
        contact = _text(_("Contact"), _("email or phone"), "contact")
        self.contact = self.form.add("contact", contact, "")
        private = _text(_(PRIVATE_NOTES_LABEL), _("goals, preferences"), "notes", area=True)
        self.notes = self.form.add("notes", private, "")
        for_client = _text(
            _(CLIENT_NOTE_LABEL), _("e.g. Breathe out as you ease in"), "note", area=True
        )
        self.client_note = self.form.add("client_note", for_client, "")
        self.language = self.form.add("language", _language_picker(), "")
        save, add = _("Save changes"), _("Add client")
        self.save = button(save, "save", "sk-save-client", self.save_changes, "primary")
        self.add = button(add, "user-plus", "sk-manager-add", self.add_client, "primary")
        self.discard = button(_("Discard changes"), "undo", "sk-discard-client", self.discard_edits)
        self.new = button(_("New client"), "plus", "sk-new-client", self.start_new)
        self.archive = button(_("Archive"), "archive", "sk-archive-client", self.toggle_archive)
        self.delete = button(_("Delete…"), "trash", "sk-delete-client", self.ask_delete, "danger")
        self.confirm_text = w.HTML().add_class("sk-confirm-text")
        self.confirm_yes = button(
            _("Delete for good"), "trash", "sk-confirm-delete", self.delete_client, "danger"
        )
        keep = _("Keep the client")
        self.confirm_no = button(keep, "times", "sk-cancel-delete", self.cancel_delete)
        self.confirm = w.VBox(
            [self.confirm_text, w.HBox([self.confirm_yes, self.confirm_no])],
            layout=w.Layout(display="none"),
        ).add_class("sk-confirm")
        self.message = w.HTML().add_class("sk-client-message").add_class("sk-live")
        self.search.observe(lambda _c: self.refresh(), names="value")
        self.show_archived.observe(lambda _c: self.refresh(), names="value")
        self.list.observe(lambda c: self._picked(c["old"], c["new"]), names="value")
        chooser = w.VBox([self.search, self.show_archived, self.list, self.found])
        editor = w.VBox(
            [
                self.heading,
                self.name,
                self.contact,
                self.notes,
                _hint(_(PRIVATE_NOTES_HINT), "sk-private-notes-hint"),
                self.client_note,
                _hint(_(CLIENT_NOTE_HINT), "sk-client-note-hint"),
                self.language,
                w.HBox([self.save, self.add, self.discard, self.new]),
                w.HBox([self.archive, self.delete]),
                self.confirm,
                self.message,
            ]
        )
        find = _("Find and edit clients")
        title = w.HTML(f"<h3>{escape(find)}</h3>")
        super().__init__([title, chooser, editor])
        self.refresh()
        self._show(None)
        if current is not None:
            current.observe(lambda c: self._follow(c["new"]), names="client_id")
            current.events.subscribe(self._changed)
            self._follow(current.client_id)

    @property
    def _events(self) -> ClientEvents | None:
        return None if self.current is None else self.current.events

    def _changed(self, change: ClientChanged) -> None:
        """List a client added, renamed, archived or deleted on another screen at once."""
        if not change.listing or self.form.is_quiet:
            return
        if change.what == "deleted" and change.client_id == self._shown:
            self._stored = _BLANK
            self._show(None)
        self.refresh()

    def _changing(self) -> AbstractContextManager[None]:
        """While a change made here is announced, the pickers may clear the current client:
        the manager keeps showing the client it changed."""
        return self.form.quiet()

    def _follow(self, client_id: int | None) -> None:
        """Show the workbook's current client, unless edits typed here are not saved yet
        (they are kept, and the message says so)."""
        if client_id == self._shown or self.form.is_quiet:
            return
        if self._dirty():
            unsaved = _(
                "The details typed here are not saved yet: save them or discard them to see "
                "the client chosen elsewhere."
            )
            self._say(warning_html(unsaved))
            return
        if client_id is None:
            self.start_new()
        else:
            self.select(client_id)

    def _tell(self, client_id: int | None) -> None:
        """Make the client the current one everywhere, then tell `on_change`."""
        if self.current is not None:
            self.current.client_id = client_id
        if self._on_change is not None:
            self._on_change(client_id)

    def _keep_current(self, client_id: int | None) -> None:
        """Make the client the current one everywhere, without the manager following."""
        if self.current is None:
            return
        with self._changing():
            self.current.client_id = client_id

    # --- what is chosen ------------------------------------------------------------------

    @property
    def value(self) -> int | None:
        """The id of the client chosen in the list, or None."""
        return self._shown

    def select(self, client_id: int | None) -> None:
        """Choose this client (or none) as if picked in the list; an archived client is
        listed for it. Edits typed for another client are kept (and the choice refused)."""
        if client_id is not None and client_id not in dict(self._options()).values():
            self.show_archived.value = True
            self.search.value = ""
        self.list.value = client_id

    def refresh(self, keep: int | None = None) -> None:
        """Reload the list for the search and the archive choice, keeping the chosen client
        listed where it still matches."""
        chosen = self._shown if keep is None else keep
        options = self._options()
        ids = [cid for _label, cid in options]
        if chosen is not None and chosen not in ids:
            try:
                options.insert(0, (client_label(get_client(self.store, chosen)), chosen))
            except StretchkitError:
                chosen = None
        with self.form.quiet():
            self.list.options = options
            self.list.value = chosen
        shown = escape(counted(len(options), "client"))
        self.found.value = f"<span class='sk-muted'>{shown}</span>"

    def _options(self) -> list[tuple[str, int | None]]:
        found = find_clients(self.store, self.search.value, archived=self.show_archived.value)
        return [(client_label(c), c.id) for c in found]

    def _picked(self, old: int | None, new: int | None) -> None:
        if self.form.is_quiet or new == self._shown:
            return
        if self._dirty():
            with self.form.quiet():
                self.list.value = old
            unsaved = _(
                "The details typed here are not saved yet: save them or discard them before "
                "choosing another client."
            )
            self._say(warning_html(unsaved))
            return
        self._show(new)
        self._tell(new)

    def _show(self, client_id: int | None) -> None:
        """Fill the form with the client's stored details (blank for a new client)."""
        self._shown = client_id
        self._hide_confirm()
        client = None if client_id is None else get_client(self.store, client_id)
        if client is None:
            self.form.blank()
        else:
            details = client.details
            self.form.fill(
                {
                    "name": client.name,
                    "contact": details.contact,
                    "notes": details.notes,
                    "client_note": details.client_note,
                    "language": details.language,
                }
            )
        self._stored = self._typed()
        archived = client is not None and client.archived is not None
        if client is None:
            heading = _("New client")
        elif archived:
            heading = _("{name} (archived)").format(name=client.name)
        else:
            heading = client.name
        self.heading.value = f"<h4>{escape(heading)}</h4>"
        self.archive.description = _("Restore") if archived else _("Archive")
        self.archive.icon = "undo" if archived else "archive"
        self._edited()

    # --- editing ---------------------------------------------------------------------------

    def _typed(self) -> tuple[str, ...]:
        """The name, contact, private notes, note for the client and language as the form
        holds them."""
        typed = self.form.read()
        return tuple(typed[key] for key in _FIELDS)

    def _dirty(self) -> bool:
        return self._typed() != self._stored

    def _edited(self) -> None:
        """Show the buttons that fit: Save for a changed client, Add for a new one."""
        chosen = self._shown is not None
        self._display(self.save, chosen)
        self.save.disabled = not self._dirty()
        self._display(self.add, not chosen)
        self._display(self.discard, self._dirty())
        self._display(self.new, chosen)
        self._display(self.archive, chosen)
        self._display(self.delete, chosen)

    @staticmethod
    def _display(widget: w.Widget, shown: bool) -> None:
        widget.layout.display = None if shown else "none"

    def _details(self) -> ClientDetails:
        return ClientDetails(*self._typed())

    def _say(self, html: str) -> None:
        self.message.value = html

    def add_client(self) -> None:
        """Store the client typed in the form; on an error say why and keep the text."""
        try:
            with self._changing():
                client = add_client(self.store, self._details(), self._events)
        except StretchkitError as e:
            self._say(warning_html(e))
            return
        self._stored = self._typed()
        self.search.value = ""
        self.refresh(keep=client.id)
        self._show(client.id)
        self._say(escape(_("Added {name}.").format(name=client.name)))
        self._tell(client.id)

    def save_changes(self) -> None:
        """Store the edited details of the chosen client; on an error say why, keep the text."""
        if self._shown is None:
            return
        try:
            with self._changing():
                client = edit_client(self.store, self._shown, self._details(), self._events)
        except StretchkitError as e:
            self._say(warning_html(e))
            return
        self._show(client.id)
        self.refresh()
        self._keep_current(client.id)
        self._say(escape(_("Saved the details of {name}.").format(name=client.name)))

    def discard_edits(self) -> None:
        """Put the stored details back in the form."""
        self._show(self._shown)
        self._say(escape(_("Changes discarded.")))

    def start_new(self) -> None:
        """An empty form to add a client (refused while edits are unsaved); the other screens
        keep their client (a running session goes on) until the new one is added."""
        if self._dirty():
            self._say(warning_html(_("Save or discard the changes typed here first.")))
            return
        with self.form.quiet():
            self.list.value = None
        self._show(None)
        self.refresh()
        self._say("")

    # --- archive and delete ------------------------------------------------------------------

    def toggle_archive(self) -> None:
        """Archive the chosen client, or restore an archived one."""
        if self._shown is None:
            return
        try:
            with self._changing():
                client, done = self._archive_or_restore(self._shown)
        except StretchkitError as e:
            self._say(warning_html(e))
            return
        kept = self._typed()
        dirty = self._dirty()
        self._show(client.id)
        if dirty:  # never lose what was typed
            for key, text in zip(_FIELDS, kept, strict=True):
                self.form[key].value = text
        self.refresh()
        self._keep_current(None if client.archived is not None else client.id)
        self._say(done)

    def _archive_or_restore(self, client_id: int) -> tuple[Client, str]:
        """Archive an active client or restore an archived one; the client and what to say."""
        client = get_client(self.store, client_id)
        if client.archived is None:
            client = archive_client(self.store, client.id, self._events)
            said = _(
                "Archived {name}: hidden from the client pickers and the attention list, with "
                "everything about them kept. Tick {show_archived} to find them and restore them."
            )
            show = _("Show archived clients")
            tick = f"<em>{escape(show)}</em>"
            return client, escape(said).format(name=escape(client.name), show_archived=tick)
        client = restore_client(self.store, client.id, self._events)
        said = _("Restored {name}: back in the client pickers.")
        return client, escape(said.format(name=client.name))

    def ask_delete(self) -> None:
        """Show what deleting the chosen client deletes, with the buttons to go on or not."""
        if self._shown is None:
            return
        try:
            preview = preview_delete(self.store, self._shown)
        except StretchkitError as e:
            self._say(warning_html(e))
            return
        ask = _("Delete {name} and everything about them?").format(name=preview.client.name)
        goes = _(
            "That is: {what}. Their dashboard links stop working. This cannot be undone in the "
            "workbook (only a backup made before holds them). To keep their history but hide "
            "them, archive them instead."
        ).format(what=preview.text)
        self.confirm_text.value = f"<p><strong>{escape(ask)}</strong> {escape(goes)}</p>"
        self.confirm.layout.display = None
        self._say("")

    def cancel_delete(self) -> None:
        """Hide the confirmation; nothing is deleted."""
        self._hide_confirm()
        self._say(escape(_("Nothing was deleted.")))

    def _hide_confirm(self) -> None:
        self.confirm.layout.display = "none"
        self.confirm_text.value = ""

    def delete_client(self) -> None:
        """Delete the chosen client with everything about them (after the confirmation)."""
        if self._shown is None or self.confirm.layout.display == "none":
            return
        try:
            with self._changing():
                client = delete_client(self.store, self._shown, self._events)
        except StretchkitError as e:
            self._say(error_html(e))
            return
        self._stored = _BLANK
        self._show(None)
        self.refresh()
        self._say(escape(_("Deleted {name} and everything about them.").format(name=client.name)))
        self._tell(None)
