"""What the client dashboard prepares before anyone opens it (catalog, store, muscle maps),
and the page it builds once a request brings a link: the client's dashboard (a plain-HTML
first view, then the live widgets), or a page that says the link is not valid and reveals
nothing else. What the kernel does for Voila around the page (saying it is ready, taking the
request, its CPU priority) is in stretchkit.servers.dashboard_kernel, which the dashboard
notebook calls."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from html import escape
from urllib.parse import parse_qs

import ipywidgets as w
from IPython.core.display_functions import display

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.i18n import _, set_kernel_language
from stretchkit.link_tokens import dashboard_url, key_from_query, link_url
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import client_page
from stretchkit.store import Store
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard.dashboard_charts import FIRST_CHART, dashboard_charts
from stretchkit.widgets.dashboard.dashboard_html import (
    FIRST_VIEW_METADATA,
    NOT_AVAILABLE,
    NOT_VALID,
    first_view_html,
    not_available_html,
    not_valid_html,
)
from stretchkit.widgets.dashboard.dashboard_pictures import dashboard_pictures

__all__ = [
    "NOT_AVAILABLE",
    "NOT_VALID",
    "DashboardKit",
    "DashboardPage",
    "language_from_query",
    "live_not_available_html",
]

_log = logging.getLogger(__name__)


def live_not_available_html() -> str:
    """Said under the first view when the live page cannot be built."""
    said = _(
        "The home session is not available right now. Please try again in a few minutes, "
        "or tell your trainer."
    )
    return f'<p class="sk-error">{escape(said)}</p>'


LIVE_NOT_AVAILABLE = live_not_available_html()
"""The note in English (see live_not_available_html)."""


def language_from_query(query: str | None) -> str | None:
    """The `lang` the first view's script adds to the live page's address, if any."""
    values = parse_qs(query or "").get("lang")
    return values[0] if values else None


class DashboardPage:
    """What a request gets, in two parts. The first view is plain HTML the browser shows as
    soon as it arrives: the client's status, next session and hold chart. `live()` is the
    page itself (widgets, with the home session and every chart), which replaces the first
    view once drawn. A page that only says the link is not valid has no live part."""

    def __init__(
        self, first_view: str, build_live: Callable[[], ClientDashboard] | None = None
    ) -> None:
        self.first_view = first_view
        self._build_live = build_live

    def _ipython_display_(self) -> None:
        first = {"text/html": self.first_view}
        display(first, raw=True, metadata=FIRST_VIEW_METADATA)  # type: ignore[no-untyped-call]

    def live(self) -> ClientDashboard | w.HTML | None:
        """The live page, or a kind note under the first view when it cannot be built."""
        if self._build_live is None:
            return None
        try:
            return self._build_live()
        except Exception:  # the browser gets a kind note, the server log the details
            _log.exception("the client dashboard could not be built")
            return w.HTML(live_not_available_html()).add_class("sk-dash-unavailable")


class DashboardKit:
    """Everything that does not depend on the client, made ready ahead of the request."""

    def __init__(
        self,
        store: ProgressStore | None = None,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.catalog = catalog or default_catalog()
        self.store: ProgressStore = store or Store.open(trainer=EVERYONE)
        self.today = today
        pictures = dashboard_pictures(self.catalog)  # drawn once, ahead of any request
        self.maps, self.poses = pictures.maps, pictures.poses

    def page(self, query: str | None) -> DashboardPage:
        """The page for a request's query string ('key=<token>'). Only the first view is
        made here: the rest waits for `live()`, so the browser can show it while the widgets
        are built."""
        token = key_from_query(query)
        set_kernel_language(language_from_query(query))  # the language the server chose
        try:
            client_id = self.store.links.client_for(token)
            if client_id is None:
                return DashboardPage(not_valid_html())
            self.store.pin_client(client_id)  # this kernel serves this one client from now on
            own = self.store.clients.get(client_id).details.language
            if own:  # the client's own language wins over the phone's
                set_kernel_language(own)
            today = self.today()
            shelf = ChartShelf(self.store, self.catalog, client_id, today)  # before the page
            page = client_page(self.store, self.catalog, client_id, today)
            drawn = dashboard_charts(shelf, page, self.catalog, only=(FIRST_CHART,))
        except Exception:  # the browser gets a kind page, the server log the details
            _log.exception("the client dashboard could not be built")
            return DashboardPage(not_available_html())

        def build_live() -> ClientDashboard:
            return ClientDashboard(
                self.store,
                self.catalog,
                client_id,
                muscle_maps=self.maps,
                poses=self.poses,
                today=self.today,
                still_valid=lambda: self.store.links.client_for(token) == client_id,
                page=page,
                shelf=shelf,
                drawn=drawn,
                own_link=lambda: link_url(dashboard_url(), token or ""),
            )

        pngs = {name: chart.png for name, chart in drawn.items()}
        alts = {name: chart.alt for name, chart in drawn.items()}
        return DashboardPage(first_view_html(page, pngs, self.catalog, alts), build_live)
