"""The workbook as one app: a tab per screen over one shared current client, so moving from
screening to planning, the session and progress keeps the same client chosen; a language
picker above the tabs redraws every screen in the language chosen."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.catalog import default_catalog
from stretchkit.errors import StretchkitError
from stretchkit.i18n import _, current_language, pgettext
from stretchkit.services.workbook_language import (
    language_options,
    save_workbook_language,
    session_blocks_language_change,
)
from stretchkit.session.runner import Clock
from stretchkit.store.protocol import ProgressStore
from stretchkit.views.page_title import page_title
from stretchkit.widgets.kit.client_picker import ClientPicker
from stretchkit.widgets.kit.current_client import CurrentClient
from stretchkit.widgets.kit.library import StretchLibrary
from stretchkit.widgets.workbook.access_panel import AccessPanel
from stretchkit.widgets.workbook.attention_list import AttentionList
from stretchkit.widgets.workbook.client_manager import ClientManager
from stretchkit.widgets.workbook.guidance import GuidancePanel
from stretchkit.widgets.workbook.link_manager import LinkManager
from stretchkit.widgets.workbook.progress_panel import ProgressPanel
from stretchkit.widgets.workbook.routine_planner import RoutinePlanner
from stretchkit.widgets.workbook.screening_form import ScreeningForm
from stretchkit.widgets.workbook.session_panel import SessionPanel

__all__ = ["TABS", "WorkbookApp", "tab_titles"]

TABS = ("Clients", "Screening", "Routine", "Session", "Progress", "Links", "Access", "Library")
"""The tabs by their names in code (English, whatever language the app is shown in)."""


def tab_titles() -> tuple[str, ...]:
    """The tabs' titles in the language in use, in the order of TABS."""
    return (
        pgettext("workbook tab", "Clients"),
        pgettext("workbook tab", "Screening"),
        pgettext("workbook tab", "Routine"),
        pgettext("workbook tab", "Session"),
        pgettext("workbook tab", "Progress"),
        pgettext("workbook tab", "Links"),
        pgettext("workbook tab", "Access"),
        pgettext("workbook tab", "Library"),
    )


class WorkbookApp(w.VBox):  # type: ignore[misc]
    """Every workbook screen as a tab; `current` is the client they all have chosen, and
    `current.events` the app's hub on which a change to a client is announced, so every tab
    showing that client shows what the store has now. `clock` and `autorun` drive the
    session timer (tests pass their own clock and tick it). The language picker saves the
    trainer's choice and draws the app again in it, on the same client and tab."""

    def __init__(
        self,
        store: ProgressStore,
        today: Callable[[], date] = date.today,
        *,
        clock: Clock = time.monotonic,
        autorun: bool = True,
    ) -> None:
        self.store, self._today, self._clock, self._autorun = store, today, clock, autorun
        self.title = w.HTML(layout=w.Layout(display="none")).add_class("sk-page-title")
        self.language = w.Dropdown(layout=w.Layout(width="auto")).add_class("sk-language")
        self.language_notice = w.HTML().add_class("sk-error").add_class("sk-live")
        self.intro = w.HTML().add_class("sk-workbook-intro")
        self._quiet = False
        self._build()
        self.language.observe(lambda c: self.choose_language(c["new"]), names="value")
        self.bar = w.HBox([self.language, self.language_notice]).add_class("sk-language-bar")
        super().__init__(self._parts())
        self.add_class("sk-workbook-app")

    def _build(self, client_id: int | None = None, tab: int = 0) -> None:
        """Make every screen in the current language, on `client_id` and the tab `tab`."""
        self._show_language()
        self.intro.value = _intro_html()
        self._build_screens()
        self.current.client_id = client_id
        self.tabs.selected_index = tab
        self.tabs.observe(lambda _c: self._shown(), names="selected_index")
        self.current.observe(lambda _c: self._show_title(), names="client_id")
        self.current.events.subscribe(lambda c: self._show_title() if c.listing else None)
        self._show_title()

    def _build_screens(self) -> None:
        """The screens, over a new shared client and hub (the old screens hear nothing)."""
        store, today, catalog = self.store, self._today, default_catalog()
        self.current = CurrentClient()
        current = self.current
        self.clients = ClientPicker(store, lambda _c: None, current)
        self.manager = ClientManager(store, current)
        self.attention = AttentionList(store, self.open_progress, today, current.events)
        self.screening = ScreeningForm(store, catalog, today, current=current)
        self.routine = RoutinePlanner(store, catalog, today, current=current)
        self.session = SessionPanel(
            store, catalog, today, self._clock, self._autorun, current=current
        )
        self.progress = ProgressPanel(store, catalog, today, current=current)
        self.links = LinkManager(store, current=current)
        self.access = AccessPanel(store, current=current)
        self.clients.send_new_clients_to(None)
        for screen in (
            self.screening,
            self.routine,
            self.session,
            self.progress,
            self.links,
            self.access,
        ):
            screen.picker.send_new_clients_to(self.new_client)
        library = w.VBox([StretchLibrary(catalog), GuidancePanel(catalog)])
        screens = [
            w.VBox([self.clients, self.attention, self.manager]),
            self.screening,
            self.routine,
            self.session,
            self.progress,
            self.links,
            self.access,
            library,
        ]
        self.tabs = w.Tab(screens, titles=tab_titles()).add_class("sk-workbook-tabs")

    def choose_language(self, language: str) -> None:
        """Save the trainer's language and show the whole app in it, on the same client and
        tab; a session being timed is never cut short (the picker goes back, saying why)."""
        if self._quiet or language == current_language():
            return
        timer = self.session.timer
        refused = session_blocks_language_change(None if timer is None else timer.runner.state)
        try:
            if refused is not None:
                raise StretchkitError(refused)
            save_workbook_language(language)
        except StretchkitError as e:
            self._show_language()
            self.language_notice.value = f"<p>{escape(str(e))}</p>"
            return
        old = self.tabs
        self._build(self.current.client_id, self.tabs.selected_index or 0)
        self.language_notice.value = ""
        self.children = self._parts()
        _close_tree(old)

    def _parts(self) -> list[w.Widget]:
        """The app from top to bottom: title, heading and intro, language bar, tabs."""
        return [self.title, self.intro, self.bar, self.tabs]

    def _show_language(self) -> None:
        """The picker, labelled in the language in use and set to it (quietly)."""
        self._quiet = True
        try:
            self.language.description = _("Language")
            self.language.options = language_options()
            self.language.value = current_language()
        finally:
            self._quiet = False

    def show(self, tab: str) -> None:
        """Switch to the tab titled `tab`."""
        self.tabs.selected_index = TABS.index(tab)

    def new_client(self) -> None:
        """Open the Clients tab on an empty form to add a client (the one place to add one)."""
        self.show("Clients")
        self.manager.start_new()

    def open_progress(self, client_id: int) -> None:
        """Choose the client on every screen and show their progress."""
        self.current.client_id = client_id
        self.show("Progress")

    def _shown(self) -> None:
        self._show_title()
        if self.tabs.selected_index == TABS.index("Clients"):
            self.attention.refresh()
        elif self.tabs.selected_index == TABS.index("Access"):
            self.access.refresh()

    def _show_title(self) -> None:
        """The browser tab's title: the tab in use and the client chosen (see
        stretchkit.views.page_title, whose script follows this hidden text)."""
        client_id, name = self.current.client_id, None
        if client_id is not None:
            try:
                name = self.store.clients.get(client_id).name
            except StretchkitError:  # a client deleted meanwhile: the screen alone
                name = None
        tab = tab_titles()[self.tabs.selected_index or 0]
        self.title.value = escape(page_title(tab, name))


def _close_tree(widget: w.Widget) -> None:
    """Close a widget and everything in it (ipywidgets keeps each widget until closed)."""
    for child in getattr(widget, "children", ()) or ():
        _close_tree(child)
    widget.close()


def _intro_html() -> str:
    """The app's heading and how its tabs work together, in the language in use."""
    said = _(
        "Choose a client on any tab: every tab then works on that client. Clients are added "
        "in one place, the Clients tab (New client on any tab takes you there). Needs "
        "attention on the Clients tab lists who to look at today; press a name to open "
        "their progress."
    )
    heading = _("stretchkit workbook")
    return f"<h1>{escape(heading)}</h1><p>{escape(said)}</p>"
