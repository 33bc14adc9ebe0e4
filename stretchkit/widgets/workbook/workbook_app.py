"""The workbook as one app: a tab per screen over one shared current client, so moving from
screening to planning, the session and progress keeps the same client chosen."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from stretchkit.catalog import default_catalog
from stretchkit.errors import StretchkitError
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

__all__ = ["TABS", "WorkbookApp"]

TABS = ("Clients", "Screening", "Routine", "Session", "Progress", "Links", "Access", "Library")


class WorkbookApp(w.VBox):  # type: ignore[misc]
    """Every workbook screen as a tab; `current` is the client they all have chosen, and
    `current.events` the app's hub on which a change to a client is announced, so every tab
    showing that client shows what the store has now. `clock` and `autorun` drive the
    session timer (tests pass their own clock and tick it)."""

    def __init__(
        self,
        store: ProgressStore,
        today: Callable[[], date] = date.today,
        *,
        clock: Clock = time.monotonic,
        autorun: bool = True,
    ) -> None:
        catalog = default_catalog()
        self.current = CurrentClient()
        current = self.current
        self.clients = ClientPicker(store, lambda _c: None, current)
        self.manager = ClientManager(store, current)
        self.attention = AttentionList(store, self.open_progress, today, current.events)
        self.screening = ScreeningForm(store, catalog, today, current=current)
        self.routine = RoutinePlanner(store, catalog, today, current=current)
        self.session = SessionPanel(store, catalog, today, clock, autorun, current=current)
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
        self.tabs = w.Tab(screens, titles=TABS).add_class("sk-workbook-tabs")
        self.tabs.observe(lambda _c: self._shown(), names="selected_index")
        self.store = store
        self.title = w.HTML(layout=w.Layout(display="none")).add_class("sk-page-title")
        current.observe(lambda _c: self._show_title(), names="client_id")
        current.events.subscribe(lambda c: self._show_title() if c.listing else None)
        super().__init__([self.title, self.tabs])
        self.add_class("sk-workbook-app")
        self._show_title()

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
        self.title.value = escape(page_title(TABS[self.tabs.selected_index or 0], name))
