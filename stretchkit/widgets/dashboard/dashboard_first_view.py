"""The client dashboard's first view as the dashboard's server itself serves it (see
stretchkit.servers.dashboard_app), with no kernel: the link's key is checked, the client's
rows alone are read (pinned, as a kernel does: row-level security on PostgreSQL) with the
hold chart as kept, and a whole page is written at once. Its script then asks the server for
the live page (Voila's, with a kernel) and puts it in the first view's place once it has
arrived; a missing, wrong or revoked key gets the not-valid page and nothing else. No chart
is drawn here: one not kept yet comes with the live page."""

from __future__ import annotations

import logging
from datetime import date
from functools import cache
from html import escape

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.link_tokens import key_from_query
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import client_page
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.dashboard_charts import CHART_SIZE, FIRST_CHART
from stretchkit.widgets.dashboard.dashboard_html import NOT_AVAILABLE, NOT_VALID, first_view_html

__all__ = ["LIVE_HEADER", "PAGE_TITLE", "first_view", "first_view_page"]

_log = logging.getLogger(__name__)

LIVE_HEADER = "X-Stretchkit-Live"
"""Sent by the first view's script when it asks for the live page (Voila's, with a kernel)."""
PAGE_TITLE = "Your stretching page"
_TAKE_LIVE_PAGE = f"""<script>
(async () => {{
  try {{
    const reply = await fetch(location.href, {{
      headers: {{"{LIVE_HEADER}": "1"}}, cache: "no-store", credentials: "same-origin"
    }});
    if (!reply.ok) return;
    const live = await reply.text();
    document.open(); document.write(live); document.close();
  }} catch (error) {{ /* the first view stays */ }}
}})();
</script>"""
"""Fetches the live page and lets it take the first view's place, once it has all arrived."""


def first_view(query: str | None, catalog: Catalog, today: date) -> tuple[str, bool]:
    """The first view's HTML for a request's query string ('key=<token>'), and whether a
    live page follows it (not for a link that is not valid or a page that failed)."""
    token = key_from_query(query)
    try:
        with Store.open(trainer=EVERYONE) as store:
            client_id = store.links.client_for(token)
            if client_id is None:
                return NOT_VALID, False
            store.pin_client(client_id)  # this client's rows only, from here on
            shelf = ChartShelf(store, catalog, client_id, today)  # before the page
            page = client_page(store, catalog, client_id, today)
            kept = shelf.kept(FIRST_CHART, CHART_SIZE)
    except Exception:  # the browser gets a kind page, the server log the details
        _log.exception("the client's first view could not be built")
        return NOT_AVAILABLE, False
    charts = {FIRST_CHART: kept.png} if kept is not None else {}
    alts = {FIRST_CHART: kept.alt} if kept is not None else {}
    return first_view_html(page, charts, catalog, alts), True


@cache
def _catalog() -> Catalog:
    return default_catalog()


def first_view_page(query: str | None, today: date, catalog: Catalog | None = None) -> str:
    """The whole page a client's request gets at once: the first view and, when a live
    page follows, the script that brings it (the default catalog unless one is given)."""
    body, live = first_view(query, catalog or _catalog(), today)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:;base64,=">'
        f"<title>{escape(PAGE_TITLE)}</title></head>"
        f"<body><main>{body}</main>{_TAKE_LIVE_PAGE if live else ''}</body></html>"
    )
