"""The client dashboard's first view as the dashboard's server itself serves it (see
stretchkit.servers.dashboard_app), with no kernel: the link's key is checked, the client's
rows alone are read (pinned, as a kernel does: row-level security on PostgreSQL) with the
hold chart as kept, and a whole page is written at once. Its script then asks the server for
the live page (Voila's, with a kernel) and puts it in the first view's place once it has
arrived; a missing, wrong or revoked key gets the not-valid page and nothing else. No chart
is drawn here: one not kept yet comes with the live page."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from html import escape

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.i18n import _, language_or_default, use_language
from stretchkit.i18n.negotiation import preferred_language
from stretchkit.link_tokens import key_from_query
from stretchkit.paths import default_db_location
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_page import client_page
from stretchkit.store import Store
from stretchkit.store.trainers import EVERYONE
from stretchkit.widgets.dashboard.dashboard_charts import CHART_SIZE, FIRST_CHART
from stretchkit.widgets.dashboard.dashboard_html import (
    first_view_html,
    not_available_html,
    not_valid_html,
)

__all__ = [
    "LIVE_HEADER",
    "PAGE_TITLE",
    "first_view",
    "first_view_in",
    "first_view_page",
    "page_title",
]

_log = logging.getLogger(__name__)

LIVE_HEADER = "X-Stretchkit-Live"
"""Sent by the first view's script when it asks for the live page (Voila's, with a kernel)."""
PAGE_TITLE = "Your stretching page"
LANGUAGE_PARAMETER = "lang"
"""Added to the live page's address by the first view's script: the language the server
chose for the page (the client's own, else the phone's), for the kernel to show it in."""
_TAKE_LIVE_PAGE = """<script>
(async () => {{
  try {{
    await new Promise((shown) => {{
      const painted = () => {{
        requestAnimationFrame(() => setTimeout(shown, 0));
        setTimeout(shown, {paint_wait_ms});
      }};
      if (document.readyState === "complete") painted();
      else addEventListener("load", painted, {{once: true}});
    }});
    const address = new URL(location.href);
    address.searchParams.set("{parameter}", "{language}");
    const reply = await fetch(address, {{
      headers: {{"{live_header}": "1"}}, cache: "no-store", credentials: "same-origin"
    }});
    if (!reply.ok) return;
    const live = await reply.text();
    document.open(); document.write(live); document.close();
    document.documentElement.lang = "{language}";
    document.title = "{title}";
  }} catch (error) {{ /* the first view stays */ }}
}})();
</script>"""
"""Once the first view is on screen (its charts loaded, a frame painted), fetches the live
page and lets it take the first view's place, once it has all arrived: asked for any
earlier, the live page (Voila's page and a kernel at work) takes the cores the browser
needs to show the first view."""
PAINT_WAIT_MS = 500
"""The live page is asked for at the latest this long after the first view has loaded (a
page in a background tab paints no frame)."""


def page_title() -> str:
    """The page's title, in the current language."""
    return _("Your stretching page")


def first_view(
    query: str | None, catalog: Catalog, today: date, asked: str | None = None
) -> tuple[str, bool]:
    """The first view's HTML for a request's query string ('key=<token>') and whether a live
    page follows it (see first_view_in)."""
    html, live, _language = first_view_in(query, catalog, today, asked)
    return html, live


def first_view_in(
    query: str | None, catalog: Catalog, today: date, asked: str | None = None
) -> tuple[str, bool, str]:
    """The first view's HTML for a request's query string ('key=<token>'), whether a live
    page follows it (not for a link that is not valid or a page that failed) and the
    language it is in: the client's own, else the first of the phone's `Accept-Language`
    (`asked`) that stretchkit speaks."""
    token = key_from_query(query)
    language = preferred_language(asked)
    try:
        with _thread_store() as store:
            client_id = store.links.client_for(token)
            if client_id is None:
                return _not_valid(language), False, language
            store.pin_client(client_id)  # this client's rows only, from here on
            language = store.clients.get(client_id).details.language or language
            with use_language(language):
                return _client_view(store, catalog, client_id, today), True, language
    except Exception:  # the browser gets a kind page, the server log the details
        _log.exception("the client's first view could not be built")
        with use_language(language):
            return not_available_html(), False, language


_OPEN = threading.local()
"""Each of the server's reader threads keeps its store open between pages: a store opened
anew compiles every query again, which costs a page more than reading it."""


@contextmanager
def _thread_store() -> Iterator[Store]:
    """This thread's store at the configured location, with no client pinned (as if just
    opened, see Store.unpin) while a page is read and after it; one that failed is closed
    and opened again for the next page."""
    location = default_db_location()
    kept: tuple[str, Store] | None = getattr(_OPEN, "store", None)
    _OPEN.store = None
    if kept is not None and kept[0] != location:
        kept[1].close()
        kept = None
    store = kept[1] if kept is not None else Store.open(location, trainer=EVERYONE)
    try:
        store.unpin()
        yield store
    except BaseException:
        store.close()
        raise
    store.unpin()
    _OPEN.store = (location, store)


def _not_valid(language: str) -> str:
    with use_language(language):
        return not_valid_html()


def _client_view(store: Store, catalog: Catalog, client_id: int, today: date) -> str:
    """The client's first view, in the current language."""
    shelf = ChartShelf(store, catalog, client_id, today)  # before the page
    page = client_page(store, catalog, client_id, today, detailed=False)
    kept = shelf.kept(FIRST_CHART, CHART_SIZE)
    charts = {FIRST_CHART: kept.png} if kept is not None else {}
    alts = {FIRST_CHART: kept.alt} if kept is not None else {}
    return first_view_html(page, charts, catalog, alts)


@cache
def _catalog() -> Catalog:
    return default_catalog()


def first_view_page(
    query: str | None, today: date, catalog: Catalog | None = None, asked: str | None = None
) -> str:
    """The whole page a client's request gets at once, in the client's language (else the
    phone's, `asked` being its Accept-Language): the first view and, when a live page
    follows, the script that brings it (the default catalog unless one is given)."""
    body, live, language = first_view_in(query, catalog or _catalog(), today, asked)
    language = language_or_default(language)
    with use_language(language):
        title = escape(page_title())
    script = _TAKE_LIVE_PAGE.format(
        paint_wait_ms=PAINT_WAIT_MS,
        live_header=LIVE_HEADER,
        parameter=LANGUAGE_PARAMETER,
        language=language,
        title=title,
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:;base64,=">'
        f"<title>{title}</title></head>"
        f"<body><main>{body}</main>{script if live else ''}</body></html>"
    )
