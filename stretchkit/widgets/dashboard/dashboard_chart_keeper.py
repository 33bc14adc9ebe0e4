"""Keeps every linked client's dashboard charts drawn ahead of their visit, so that a page
view (the server's first view, a kernel's live page) finds them kept: a process the
dashboard's server starts beside itself at low CPU priority. Every few seconds it reads each
linked client's change count (one cheap query; the store's triggers bump it and drop the
client's kept charts on every change to what they draw) and draws the charts of the
clients whose count or day changed. It stops when the server that started it has gone.

What it reads with no key: the keeper holds no client's key, and needs none. Unpinned, it
reads the link rows alone (which client has an active link: what the dashboard's login may
read to check any key, never a key, only digests; on PostgreSQL the `dashboard_lookup`
policy), and sees no client row. Every client's rows are then read pinned to that client,
as that client's own page reads them (row-level security on PostgreSQL: the login sees that
client's rows only), and what it draws is kept for that client alone. It writes nothing but
kept charts, and logs no key (it has none) and no client data."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from datetime import date

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.i18n import use_language
from stretchkit.services.chart_store import DRAWING_VERSION_ENV, ChartShelf, drawing_version
from stretchkit.services.client_page import client_page
from stretchkit.store import Store
from stretchkit.store.protocol import ProgressStore
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.dashboard_charts import dashboard_charts

__all__ = [
    "KEEPER_NICENESS",
    "REFRESH_S",
    "hand_on_drawing_version",
    "keep_charts",
    "linked_clients",
    "main",
]

_log = logging.getLogger(__name__)

REFRESH_S = 5.0
"""How often the change counts are read (stretchkit's own default)."""
KEEPER_NICENESS = 10
"""The keeper's CPU priority is lowered this far: a page being served goes first."""
Seen = dict[int, tuple[date, int]]
"""Each client's day and change count when their charts were last kept."""


def hand_on_drawing_version() -> None:
    """Put the drawing code's version in this process's environment, for every process it
    starts from the same code (the keeper, the dashboard's kernels): found once, not again
    in each of them."""
    os.environ[DRAWING_VERSION_ENV] = drawing_version()


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
        # drawing ahead is nobody viewing the record: the access log gets no entry for it
        with use_language(language), store.access_log.covered():
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
