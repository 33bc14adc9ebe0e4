"""Keeps every linked client's dashboard charts drawn ahead of their visit, so that a page
view (the server's first view, a kernel's live page) finds them kept: a process the
dashboard's server starts beside itself at low CPU priority. Every few seconds it reads each
linked client's change count (one cheap query; the store's triggers bump it and drop the
client's kept charts on every change to what they draw) and draws the charts of the
clients whose count or day changed. It reads one client at a time, pinned as a kernel is
(row-level security on PostgreSQL), and stops when the server that started it has gone."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from datetime import date

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.i18n import use_language
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import client_page
from stretchkit.store import Store
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.dashboard_charts import dashboard_charts

__all__ = ["KEEPER_NICENESS", "REFRESH_S", "keep_charts", "linked_clients", "main"]

_log = logging.getLogger(__name__)

REFRESH_S = 5.0
"""How often the change counts are read (stretchkit's own default)."""
KEEPER_NICENESS = 10
"""The keeper's CPU priority is lowered this far: a page being served goes first."""
Seen = dict[int, tuple[date, int]]
"""Each client's day and change count when their charts were last kept."""


def linked_clients(store: ProgressStore) -> list[int]:
    """The clients with a link that still opens their page, by id."""
    return sorted({link.client_id for link in store.links.all() if link.active})


def keep_charts(store: ProgressStore, catalog: Catalog, today: date, seen: Seen) -> list[int]:
    """Draw and keep the charts of each linked client whose day or change count differs
    from `seen` (which is brought up to date); the clients drawn for."""
    drawn = []
    for client_id in linked_clients(store):
        store.pin_client(client_id)  # this client's rows only, as a kernel reads them
        language = store.clients.get(client_id).details.language  # '' follows the phone: English
        with use_language(language):
            shelf = ChartShelf(store, catalog, client_id, today)  # before the page
            if seen.get(client_id) == (today, shelf.changes):
                continue
            dashboard_charts(shelf, client_page(store, catalog, client_id, today), catalog)
        seen[client_id] = (today, shelf.changes)
        drawn.append(client_id)
    return drawn


def _one_round(catalog: Catalog, seen: Seen) -> None:
    try:
        with Store.open(trainer=EVERYONE) as store:
            keep_charts(store, catalog, date.today(), seen)
    except Exception:  # tried again next round; the pages draw what is missing meanwhile
        _log.exception("the dashboard's charts could not be kept ahead")


def main() -> None:
    """Keep the charts until the process that started this one has gone."""
    with contextlib.suppress(OSError, AttributeError):  # not on every system
        os.nice(KEEPER_NICENESS)
    server, catalog, seen = os.getppid(), default_catalog(), Seen()
    while os.getppid() == server:
        _one_round(catalog, seen)
        time.sleep(REFRESH_S)


if __name__ == "__main__":
    main()
