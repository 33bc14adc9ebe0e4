"""Personal dashboard links: create one for a client, see their links, revoke one; and the
client's planned sessions as a calendar file."""

from __future__ import annotations

from datetime import datetime
from html import escape

import ipywidgets as w

from stretchkit.catalog import default_catalog
from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import N_, _, pgettext
from stretchkit.i18n.formatting import format_day
from stretchkit.link_tokens import ClientLink, dashboard_url
from stretchkit.services.client_links import client_links, create_link, revoke_link
from stretchkit.services.events import LINKS, ClientChanged, ClientEvents
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.html_parts import warning_html
from stretchkit.views.link_share_html import link_share_html
from stretchkit.widgets.kit.calendar_form import CalendarForm
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.panel import Panel, button

__all__ = ["LinkManager", "links_table"]

COPY_NOTE = N_(
    "Copy it now and send it to the client: only a hash is kept, so it can't be shown again."
)
_INTRO = N_(
    "A personal link opens the client's own dashboard while the dashboard runs. Anyone "
    "holding the link can open it: revoke a link that was lost or sent to the wrong person."
)
_HEADS = (N_("Label"), N_("Key"), N_("Created"), N_("Last used"), N_("Status"))


def _day(moment: datetime | None) -> str:
    if moment is None:
        return pgettext("link last used", "never")
    return format_day(moment.astimezone().date())


def _status(link: ClientLink) -> str:
    """'active', or 'revoked on 6 December 2026' (the local day), in the current language."""
    if link.revoked is None:
        return pgettext("link", "active")
    return _("revoked on {day}").format(day=_day(link.revoked))


def _row(link: ClientLink) -> str:
    texts = (link.label or _("(none)"), link.hint, _day(link.created), _day(link.last_used))
    cells = zip((_(h) for h in _HEADS), (*texts, _status(link)), strict=True)
    tds = "".join(f'<td data-label="{escape(k)}">{escape(v)}</td>' for k, v in cells)
    return f'<tr class="sk-link-{"active" if link.active else "revoked"}">{tds}</tr>'


def links_table(links: list[ClientLink]) -> str:
    """An HTML table of links (label, hint, created, last used, status), every text escaped."""
    if not links:
        none = escape(_("No links yet."))
        return f"<p class='sk-muted'>{none}</p>"
    head = "".join(f"<th>{escape(_(h))}</th>" for h in _HEADS)
    rows = "".join(_row(link) for link in links)
    return (
        '<div class="sk-table-wrap"><table class="sk-table"><thead><tr>'
        f"{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


class LinkManager(Panel):
    """Choose a client, create a personal link (its URL shown once, with who can open it, a
    Copy button and its QR code), list and revoke links."""

    css = ("sk-links",)

    def __init__(
        self,
        store: ProgressStore,
        base_url: str | None = None,
        *,
        current: CurrentClient | None = None,
    ) -> None:
        self.store, self.base_url, self.current = store, base_url or dashboard_url(), current
        self._url, self._new_id = "", 0
        self.picker = ClientPicker(store, lambda _client: self.show_client(), current)
        self.label = w.Text(description=_("Label"), placeholder=_("optional, e.g. phone"))
        self.label.add_class("sk-link-label")
        self.create = button(
            _("Create a link"), "link", "sk-link-create", self.create_link, "primary"
        )
        self.new_url = w.Text(description=pgettext("noun", "Link"), layout=w.Layout(width="100%"))
        self.new_url.add_class("sk-link-new")
        note = w.HTML(f"<p><b>{escape(_(COPY_NOTE), quote=False)}</b></p>")
        self.share = w.HTML().add_class("sk-link-share-box")
        self.new_box = w.VBox([self.new_url, note, self.share])
        self.new_box.add_class("sk-link-created")
        self.table = w.HTML().add_class("sk-link-table")
        self.choice = w.Dropdown(description=pgettext("noun", "Link")).add_class("sk-link-choice")
        self.revoke = button(_("Revoke"), "ban", "sk-link-revoke", self.revoke_link, "danger")
        self.error = w.HTML().add_class("sk-link-error")
        self.done = w.HTML().add_class("sk-link-done")
        said = _("This client's links")
        title = w.HTML(f"<h3>{escape(said)}</h3>")
        self.client_box = w.VBox([title, self.table, w.HBox([self.choice, self.revoke])])
        self.new_url.observe(lambda _c: self._keep_url(), names="value")
        self.calendar = CalendarForm(
            store, default_catalog(), lambda: self.picker.value, paste_link=True
        )
        super().__init__(self._parts())
        self.show_client()
        if current is not None:
            current.events.subscribe(self._changed)

    def _events(self) -> ClientEvents | None:
        return None if self.current is None else self.current.events

    def _changed(self, change: ClientChanged) -> None:
        """The chosen client's links changed elsewhere: list them as the store has them now."""
        if change.client_id == self.picker.value and change.what in LINKS:
            self.refresh()

    def _parts(self) -> list[w.Widget]:
        """The intro, the picker, the create row, the new link, the list and the revoke row."""
        return [
            w.HTML(f"<p class='sk-muted'>{escape(_(_INTRO))}</p>"),
            self.picker,
            w.HBox([self.label, self.create]).add_class("sk-link-create-row"),
            self.new_box,
            self.error,
            self.done,
            self.client_box,
            w.Accordion(
                [self.calendar], titles=(_("The client's sessions for their phone's calendar"),)
            ).add_class("sk-link-calendar"),
        ]

    def _keep_url(self) -> None:
        """The new link's box is read-only: an edit puts the link back."""
        if self.new_url.value != self._url:
            self.new_url.value = self._url

    def _show_url(self, url: str, share: str = "") -> None:
        self._url = url
        self.new_url.value = url
        self.share.value = share
        self.new_box.layout.display = "" if url else "none"

    def show_client(self) -> None:
        """Show the chosen client's links (and forget a link made for someone else)."""
        self._show_url("")
        self.error.value = self.done.value = ""
        self.refresh()
        self.calendar.suggest()
        self.calendar.pasted.value = self.calendar.result.value = ""

    def refresh(self) -> None:
        """Reload the table and the active links to revoke."""
        client_id = self.picker.value
        links = [] if client_id is None else client_links(self.store, client_id)
        self.client_box.layout.display = "none" if client_id is None else ""
        self.table.value = links_table(links)
        unnamed = _("(no label)")
        active = [(f"{x.label or unnamed} - {x.hint}", x.id) for x in links if x.active]
        self.choice.options = active or [(_("No active link"), None)]
        self.choice.index = 0

    def create_link(self) -> None:
        """Make a link for the chosen client and show its URL once; on error keep the label."""
        self.error.value = self.done.value = ""
        try:
            if self.picker.value is None:
                raise ValidationError("client", None, _("choose a client first"))
            new = create_link(
                self.store,
                self.picker.value,
                self.base_url,
                self.label.value,
                events=self._events(),
            )
        except StretchkitError as e:
            self.error.value = warning_html(e)
            return
        self.label.value = ""
        self.refresh()
        self._new_id = new.link.id
        self._show_url(new.url, link_share_html(new.url, new.client.name, new.reach))

    def revoke_link(self) -> None:
        """Revoke the link chosen in the dropdown."""
        self.error.value = self.done.value = ""
        try:
            if self.choice.value is None:
                raise ValidationError("link", None, _("choose an active link to revoke"))
            link = revoke_link(self.store, self.choice.value, self._events())
        except StretchkitError as e:
            self.error.value = warning_html(e)
            return
        if link.id == self._new_id:
            self._show_url("")
        self.refresh()
        said = _("Revoked the link {key}: it no longer opens the dashboard.")
        self.done.value = f'<span class="sk-saved">{escape(said.format(key=link.hint))}</span>'
