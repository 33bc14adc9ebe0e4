"""How fast are a client's progress charts and the studio's attention list? One run, printed.

Builds a synthetic studio (by default 500 clients with 2 years of history each) in a real
SQLite file, then times, as the median of several runs:

- one client's weekly aggregation, and the aggregation plus the hold chart rendered to PNG,
  for the client with the most holds;
- the same hold chart as the store keeps it (its key, one query, then the kept PNG), with
  the aggregation the workbook shows beside it, and drawn again after a change (a miss);
- the "needs attention" list over every client.

In the same run, a plain baseline does the same work the way one would without stretchkit:
pandas reads the rows with SQL, groups them by week (or by client), and the chart is drawn
with matplotlib's automatic layout and a tight crop. Figures are compared as ratios.

    python3 tests/benchmarks/progress_speed.py                       # 500 clients x 2 years
    python3 tests/benchmarks/progress_speed.py --clients 20 --years 0.5 --repeat 3
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.charts import figure_png
from stretchkit.charts.chart_layout import CHART_DPI
from stretchkit.charts.progress_charts import hold_chart
from stretchkit.demo.scale import seed_scale_data
from stretchkit.progress.attention import needs_attention
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_progress import client_progress
from stretchkit.services.client_report import kept_progress_charts
from stretchkit.store import Store

TODAY = date(2026, 11, 21)


def _median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def _peak_kib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def _busiest_client(store: Store) -> int:
    row = store.conn.execute(
        "SELECT sessions.client_id FROM holds JOIN sessions ON sessions.id = holds.session_id"
        " GROUP BY sessions.client_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return int(row[0])


# --- stretchkit ---------------------------------------------------------------------------


def ours_charts(store: Store, catalog: Catalog, client_id: int) -> bytes:
    """Aggregate one client and render the hold chart as the workbook does."""
    shown = client_progress(store, catalog, client_id, TODAY)
    return figure_png(hold_chart(shown.progress, catalog), dpi=CHART_DPI, crop=False)


def ours_kept(store: Store, catalog: Catalog, client_id: int) -> bytes:
    """The workbook's hold chart as the store keeps it: the key (one query), then the kept
    PNG, drawn only if what it shows changed."""
    shelf = ChartShelf(store, catalog, client_id, TODAY)
    kept = store.chart_cache.get(client_id, "holds@workbook", shelf.key("holds", "workbook"))
    return kept.png if kept is not None else ours_kept_with_view(store, catalog, client_id)


def ours_kept_with_view(store: Store, catalog: Catalog, client_id: int) -> bytes:
    """The kept chart and the aggregation the workbook's view shows beside it."""
    shelf = ChartShelf(store, catalog, client_id, TODAY)
    shown = client_progress(store, catalog, client_id, TODAY)
    return kept_progress_charts(shelf, shown, catalog, "workbook", ("holds",))["holds"].png


def ours_drawn_again(store: Store, catalog: Catalog, client_id: int) -> bytes:
    """A miss: the client changed (their kept charts dropped), so read, draw and keep."""
    store.chart_cache.clear(client_id)
    return ours_kept_with_view(store, catalog, client_id)


def ours_attention(store: Store) -> int:
    """The attention list over every client."""
    return len(needs_attention(store.overview.client_facts(TODAY), TODAY))


# --- the plain baseline -------------------------------------------------------------------

_HOLDS_SQL = (
    "SELECT sessions.started, holds.stretch_id, holds.side, holds.target_s, holds.held_s"
    " FROM holds JOIN sessions ON sessions.id = holds.session_id WHERE sessions.client_id = ?"
)


def baseline_weeks(store: Store, client_id: int) -> pd.DataFrame:
    """Weekly mean/best/total hold per stretch and side with pandas."""
    frame = pd.read_sql_query(_HOLDS_SQL, store.conn, params=(client_id,))
    frame["week"] = pd.to_datetime(frame["started"].str[:10]).dt.to_period("W-SUN")
    return frame.groupby(["stretch_id", "side", "week"]).agg(
        mean_held=("held_s", "mean"),
        best=("held_s", "max"),
        total=("held_s", "sum"),
        target=("target_s", "last"),
    )


def baseline_charts(store: Store, client_id: int) -> bytes:
    """The same weekly figures and a hold chart drawn the usual way."""
    weeks = baseline_weeks(store, client_id).reset_index()
    stretches = sorted(weeks["stretch_id"].unique())
    fig = Figure(figsize=(5.6, 1 + 2.5 * len(stretches)), layout="constrained")
    axes = fig.subplots(len(stretches), 1, squeeze=False)[:, 0]
    for ax, stretch in zip(axes, stretches, strict=True):
        for side, rows in weeks[weeks["stretch_id"] == stretch].groupby("side"):
            days = rows["week"].dt.start_time
            ax.plot(days, rows["mean_held"], marker="o", label=f"{side or 'held'}")
            ax.plot(days, rows["target"], linestyle=":", label=f"target {side}")
        ax.set_title(stretch)
        ax.set_ylabel("Hold (s)")
        ax.legend()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight")
    return buffer.getvalue()


def baseline_attention(store: Store) -> int:
    """The same attention rules with pandas over whole tables."""
    conn = store.conn
    last, first = (
        TODAY - timedelta(days=TODAY.weekday() + 1),
        TODAY - timedelta(days=TODAY.weekday() + 28),
    )
    sessions = pd.read_sql_query(
        "SELECT id, client_id, status, substr(started, 1, 10) AS day FROM sessions", conn
    )
    with_holds = pd.read_sql_query("SELECT DISTINCT session_id FROM holds", conn)
    done = sessions[sessions["id"].isin(with_holds["session_id"])]
    per_client = done.groupby("client_id")["day"].agg(
        last="max", recent=lambda d: int(((d >= str(first)) & (d <= str(last))).sum())
    )
    flags = sessions[sessions["status"] == "flagged"].groupby("client_id")["day"].max()
    screenings = pd.read_sql_query("SELECT client_id, taken_on FROM screenings", conn)
    latest = screenings.groupby("client_id")["taken_on"].max()
    changes = pd.read_sql_query("SELECT client_id, reported_on FROM health_changes", conn)
    changed = changes.merge(latest.rename("taken_on"), on="client_id")
    changed = changed[changed["reported_on"] >= changed["taken_on"]].groupby("client_id").size()
    plans = pd.read_sql_query(
        "SELECT client_id, json_extract(body, '$.days_per_week') AS days FROM routines"
        " WHERE id IN (SELECT max(id) FROM routines GROUP BY client_id)",
        conn,
    ).set_index("client_id")["days"]
    clients = pd.read_sql_query("SELECT id FROM clients", conn)["id"]
    table = pd.DataFrame(index=clients).join(per_client).join(flags.rename("flag"))
    table = table.join(latest).join(changed.rename("changed")).join(plans.rename("days"))
    expired = table["taken_on"].isna() | (table["taken_on"] <= str(TODAY - timedelta(days=335)))
    lapsed = table["last"].isna() | (table["last"] <= str(TODAY - timedelta(days=7)))
    flagged = table["flag"].fillna("") >= str(TODAY - timedelta(days=28))
    low = table["recent"].fillna(0) < table["days"].fillna(0) * 4
    return int((expired | lapsed | flagged | low | table["changed"].notna()).sum())


# --- the run --------------------------------------------------------------------------------


def _studio(path: Path, clients: int, years: float) -> None:
    with Store.open(path) as store:
        if store.clients.count() >= clients:
            print(f"studio: reusing {path} ({store.clients.count()} clients)")
            return
        summary = seed_scale_data(store, clients=clients, years=years, today=TODAY)
    print(
        f"studio: {summary.clients} clients, {summary.sessions} sessions, {summary.holds} holds,"
        f" {summary.measurements} measurements written in {summary.seconds:.1f} s"
    )


def _line(what: str, ours: float, baseline: float, target: float | None = None) -> None:
    goal = f" (target < {target:.0f} ms)" if target is not None else ""
    print(
        f"{what}: stretchkit {ours:.1f} ms, baseline {baseline:.1f} ms,"
        f" baseline/stretchkit {baseline / ours:.1f}x{goal}"
    )


def _ratio(what: str, ours: float, baseline: float, goal: float) -> None:
    ratio = ours / baseline
    verdict = "within" if ratio < goal else "MISSES"
    print(
        f"{what}: stretchkit {ours:.1f} ms, baseline {baseline:.1f} ms, stretchkit/baseline"
        f" {ratio:.3f}x ({verdict} the goal < {goal:g}x)"
    )


def _measure(store: Store, repeat: int) -> None:
    catalog = default_catalog()
    client = _busiest_client(store)
    history = store.history.of_client(client)
    first = history.sessions[0].day
    panels = len({h.entry.stretch_id for s in history.sessions for h in s.holds})
    print(
        f"one client: {history.hold_count} holds in {len(history.sessions)} sessions since"
        f" {first}, {panels} stretches (one chart panel each)"
    )
    ours_agg = _median_ms(lambda: client_progress(store, catalog, client, TODAY), repeat)
    base_agg = _median_ms(lambda: baseline_weeks(store, client), repeat)
    _line("weekly aggregation, one client", ours_agg, base_agg)
    print(
        f"weekly aggregation, stretchkit/baseline {ours_agg / base_agg:.2f}x"
        f" ({'within' if ours_agg <= base_agg else 'MISSES'} the goal <= 1.0x)"
    )
    shown = client_progress(store, catalog, client, TODAY)
    built = _median_ms(lambda: hold_chart(shown.progress, catalog), repeat)
    print(f"hold chart figure built (before drawing to PNG): stretchkit {built:.1f} ms")
    ours_chart = _median_ms(lambda: ours_charts(store, catalog, client), repeat)
    base_chart = _median_ms(lambda: baseline_charts(store, client), repeat)
    _line("aggregation + hold chart as PNG, one client", ours_chart, base_chart, 300)
    ours_kept(store, catalog, client)  # drawn and kept once
    kept = _median_ms(lambda: ours_kept(store, catalog, client), repeat)
    viewed = _median_ms(lambda: ours_kept_with_view(store, catalog, client), repeat)
    again = _median_ms(lambda: ours_drawn_again(store, catalog, client), repeat)
    _ratio("hold chart kept by the store (key + kept PNG)", kept, base_chart, 0.05)
    _ratio("hold chart kept by the store, with the view's aggregation", viewed, base_chart, 0.05)
    _ratio("hold chart drawn again after a change (uncached)", again, base_chart, 0.15)
    ours_list = _median_ms(lambda: ours_attention(store), repeat)
    base_list = _median_ms(lambda: baseline_attention(store), repeat)
    _line(f"attention list, {store.clients.count()} clients", ours_list, base_list, 1000)
    print(f"attention list: {ours_attention(store)} clients listed")
    peak = _peak_kib(lambda: client_progress(store, catalog, client, TODAY))
    base_peak = _peak_kib(lambda: baseline_weeks(store, client))
    print(
        "peak memory of one client's aggregation:"
        f" stretchkit {peak:.0f} KiB, baseline {base_peak:.0f} KiB"
    )


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) the studio and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--years", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--db", type=Path, default=None, help="keep the studio in this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "studio.db"
        _studio(path, args.clients, args.years)
        with Store.open(path) as store:
            _measure(store, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
