"""What the client dashboard prepares before anyone opens it (catalog, store, muscle maps),
and the page it builds once a request brings a link: the client's dashboard, or a page that
says the link is not valid and reveals nothing else."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from collections.abc import Callable
from datetime import date

import ipywidgets as w
from ipykernel.kernelbase import Kernel

from stretchkit.app.dashboard_server import READY_MARK
from stretchkit.catalog import Catalog, default_catalog
from stretchkit.links import key_from_query
from stretchkit.store import Store
from stretchkit.widgets.client_dashboard import ClientDashboard
from stretchkit.widgets.dashboard_styles import dashboard_style
from stretchkit.widgets.library import muscle_map_png
from stretchkit.widgets.styles import style_widget

__all__ = ["DashboardKit", "draw_later", "not_valid_page", "unavailable_page"]

_log = logging.getLogger(__name__)
_PREVIOUS_REQUEST = "VOILA_REQUEST_URL"
"""Voila hands a kernel it starts to refill the pool the URL of the request that emptied
it, key included: a dashboard kernel drops it at once."""


def _message_page(title: str, text: str, css: str) -> w.VBox:
    page = w.VBox(
        [
            style_widget(),
            dashboard_style(),
            w.HTML(f"<h2>{title}</h2><p>{text}</p>").add_class(css),
        ]
    )
    page.add_class("sk-root")
    return page


def not_valid_page() -> w.VBox:
    """The same page for a missing, wrong or revoked link."""
    return _message_page(
        "This link is not valid",
        "Please ask your trainer for a new link.",
        "sk-not-valid",
    )


def unavailable_page() -> w.VBox:
    """Shown when the page cannot be built; no detail of why reaches the browser."""
    return _message_page(
        "Your page is not available right now",
        "Please try again in a few minutes, or tell your trainer.",
        "sk-not-valid",
    )


def _charts_failed(board: ClientDashboard) -> None:
    _log.exception("the client's charts could not be drawn")
    board.drawing.value = '<p class="sk-muted">Your charts are not available right now.</p>'


async def _draw_in_turn(board: ClientDashboard) -> None:
    """Draw the charts on the kernel's own loop once the page has gone out, one at a time,
    letting the browser's requests through in between; a failure hides only the charts."""
    try:
        for name in board.charts:
            await asyncio.sleep(0)
            board.draw_chart(name)
    except Exception:
        _charts_failed(board)


def _draw(board: ClientDashboard) -> None:
    """Draw the charts in a thread (where no event loop runs, e.g. a plain script)."""
    try:
        board.draw_charts()
    except Exception:
        _charts_failed(board)


def draw_later(board: ClientDashboard) -> None:
    """Draw the charts after the page is returned: on the kernel's event loop inside a
    kernel, else in a thread."""
    loop = _kernel_loop()
    if loop is None:
        threading.Thread(target=_draw, args=(board,), daemon=True).start()
        return
    board.drawing_task = loop.create_task(_draw_in_turn(board))


def _kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the Jupyter kernel this code runs in, or None outside one
    (another library's loop in this thread never runs our task while we wait)."""
    if not Kernel.initialized():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class DashboardKit:
    """Everything that does not depend on the client, made ready ahead of the request."""

    def __init__(
        self,
        store: Store | None = None,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.catalog = catalog or default_catalog()
        self.store = store or Store.open()
        self.today = today
        self.maps = {s.id: muscle_map_png(s, self.catalog) for s in self.catalog.stretches}
        os.environ.pop(_PREVIOUS_REQUEST, None)
        if os.environ.get("VOILA_PREHEAT") == "True" and sys.__stderr__ is not None:
            print(READY_MARK, file=sys.__stderr__, flush=True)  # to the server's log

    def page(self, query: str | None) -> w.VBox:
        """The page for a request's query string ('key=<token>'); the key is not kept in
        the kernel's environment."""
        token = key_from_query(query)
        os.environ.pop("QUERY_STRING", None)
        try:
            client_id = self.store.links.client_for(token)
            if client_id is None:
                return not_valid_page()
            board = ClientDashboard(
                self.store,
                self.catalog,
                client_id,
                muscle_maps=self.maps,
                today=self.today,
                still_valid=lambda: self.store.links.client_for(token) == client_id,
                draw_now=False,
            )
        except Exception:  # the browser gets a kind page, the server log the details
            _log.exception("the client dashboard could not be built")
            return unavailable_page()
        draw_later(board)
        return board
