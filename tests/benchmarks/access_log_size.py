"""How big does the access log grow? One run, printed, on SQLite (a real file).

1. Entries per session: a whole guided session (every planned hold logged) adds one entry.
2. Entries per visit: a trainer choosing the client in the workbook (every tab shows them),
   and the client opening their dashboard link (first view and live page).
3. Bytes per entry: many entries of every kind written into the file; its growth divided by
   their number (the table and both its indexes).
4. A 500-client studio's year, from those figures and the stated habits below (stretchkit's
   own reading of a busy studio, not a measurement): sessions a client has a week, workbook
   visits and dashboard opens per session.

    python3 tests/benchmarks/access_log_size.py
    python3 tests/benchmarks/access_log_size.py --entries 2000 --clients 500
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from stretchkit.catalog import default_catalog  # noqa: E402
from stretchkit.clients import ClientDetails  # noqa: E402
from stretchkit.planning.planner import plan  # noqa: E402
from stretchkit.screening import screen  # noqa: E402
from stretchkit.screening.intake import Intake  # noqa: E402
from stretchkit.services.guided_session import GuidedSession  # noqa: E402
from stretchkit.store import Store  # noqa: E402
from stretchkit.store.access_values import KINDS  # noqa: E402
from stretchkit.store.trainers import EVERYONE  # noqa: E402

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
SESSIONS_A_WEEK = 2
WORKBOOK_VISITS_PER_SESSION = 1
DASHBOARD_OPENS_PER_SESSION = 2


class Clock:
    """A session's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _client(store: Store) -> int:
    catalog = default_catalog()
    client = store.clients.add(ClientDetails("Size Check")).id
    screening = screen(Intake(date(2026, 11, 20), 40), catalog)
    store.screenings.add(client, screening)
    store.routines.save(client, plan(screening, catalog, budget_min=20))
    return client


def _count(store: Store) -> int:
    return len(store.access_log.entries())


def entries_per_session(store: Store, client: int) -> tuple[int, int]:
    """(entries added, holds logged) by one whole guided session."""
    saved = store.routines.current(client)
    assert saved is not None
    clock, before = Clock(), _count(store)
    session = GuidedSession(
        store,
        default_catalog(),
        client,
        saved.routine,
        routine_id=saved.id,
        clock=clock,
        today=lambda: TODAY,
    )
    session.start()
    while session.running:
        clock.now += 5
        session.tick()
    holds = len(store.sessions.holds(session.session_id or 0))
    return _count(store) - before, holds


def entries_per_workbook_visit(store: Store, client: int) -> int:
    """Entries added when a trainer chooses the client in the workbook app."""
    from stretchkit.widgets.workbook.workbook_app import WorkbookApp

    app = WorkbookApp(store, lambda: TODAY, autorun=False)
    before = _count(store)
    app.current.client_id = client
    return _count(store) - before


def entries_per_dashboard_open(location: str, store: Store, client: int) -> int:
    """Entries added when the client opens their link (first view, then the live page)."""
    from stretchkit.widgets.dashboard.dashboard_kit import DashboardKit

    _link, token = store.links.create(client, "size check")
    before = _count(store)
    with Store.open(location, trainer=EVERYONE) as dash:
        page = DashboardKit(dash, today=lambda: TODAY).page(f"key={token}")
        page.live()
    return _count(store) - before


def bytes_per_entry(db: Path, store: Store, client: int, entries: int) -> float:
    """The file's growth per entry, entries of every kind written one by one."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.stat().st_size
    kinds = [k for k in KINDS if k != "log-pruned"]
    for n in range(entries):
        with store.access_log.recorded(kinds[n % len(kinds)], client):
            pass
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (db.stat().st_size - before) / entries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000, help="entries written to size")
    parser.add_argument("--clients", type=int, default=500, help="clients of the studio")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "stretchkit.db"
        with Store.open(db) as store:
            store.access_log.clock = lambda: NOW
            client = _client(store)
            per_session, holds = entries_per_session(store, client)
            visit = entries_per_workbook_visit(store, client)
            opened = entries_per_dashboard_open(str(db), store, client)
            size = bytes_per_entry(db, store, client, args.entries)
    sessions = args.clients * SESSIONS_A_WEEK * 52
    per_year = sessions * (
        per_session + WORKBOOK_VISITS_PER_SESSION * visit + DASHBOARD_OPENS_PER_SESSION * opened
    )
    print(f"entries per session logged: {per_session} (the session logged {holds} holds)")
    print(f"entries per workbook visit (the client chosen, every tab shows them): {visit}")
    print(f"entries per dashboard open (first view and live page): {opened}")
    print(f"bytes per entry on SQLite (table and indexes, {args.entries} entries): {size:.0f}")
    print(
        f"a {args.clients}-client studio's year ({SESSIONS_A_WEEK} sessions a week each, "
        f"{WORKBOOK_VISITS_PER_SESSION} workbook visit and {DASHBOARD_OPENS_PER_SESSION} "
        f"dashboard opens per session; stretchkit's own reading): {per_year:,} entries, "
        f"{per_year * size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
