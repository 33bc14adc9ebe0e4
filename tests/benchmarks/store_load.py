"""How does a studio's shared store hold up? One run, printed, on both engines side by side.

1. Trainers logging holds at once: N trainers (separate processes, each with a client of their
   own and, on PostgreSQL, their own login) start together and log holds as a session does;
   every hold must be in the store afterwards and no trainer may see an error. Prints the
   p50 / p99 time to save a hold on SQLite (one file) and on PostgreSQL (a real server).
2. The attention list over a big studio: synthetic clients with years of history seeded into
   SQLite, copied into PostgreSQL with `store copy` (its speed printed too), then the attention
   list timed on each (median of several runs; goal: under 1 s on PostgreSQL).

The PostgreSQL server is a throwaway cluster started for the run (tests/postgres.py).

    python3 tests/benchmarks/store_load.py                          # 20 trainers, 5,000 clients
    python3 tests/benchmarks/store_load.py --trainers 4 --holds 20 --clients 30 --years 0.3
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from stretchkit.clients import ClientDetails  # noqa: E402
from stretchkit.demo.scale import seed_scale_data  # noqa: E402
from stretchkit.progress.attention import needs_attention  # noqa: E402
from stretchkit.session.log import HoldEntry  # noqa: E402
from stretchkit.store import Store  # noqa: E402
from stretchkit.store.copying import copy_store  # noqa: E402
from stretchkit.store.server_logins import create_login  # noqa: E402
from stretchkit.store.trainers import EVERYONE  # noqa: E402
from tests.postgres import PostgresCluster  # noqa: E402

TODAY = date(2026, 12, 1)


def _trainer_work(location: str, trainer: str | None, holds: int, start: object) -> list[float]:
    """One trainer's session: wait for the start, then log holds one by one, timing each."""
    with Store.open(location, trainer=trainer) as store:
        client = store.clients.all()[0]
        session = store.sessions.start(client.id, None, "studio")
        start.wait()  # type: ignore[attr-defined]
        took = []
        for n in range(holds):
            entry = HoldEntry("seated-rotation", "left", 1 + n % 3, 3, 30, 25 + n % 6, 4)
            began = time.perf_counter()
            store.sessions.log_hold(session.id, entry)
            took.append(time.perf_counter() - began)
        store.sessions.finish(session.id, "completed")
    return took


def _run(args: tuple[str, str | None, int, object]) -> list[float] | str:
    try:
        return _trainer_work(*args)
    except Exception as e:  # reported as a user would see it
        return f"{type(e).__name__}: {e}"


def _prepare(location: str, trainers: int, logins: dict[str, str] | None) -> list[str]:
    """Add the trainers (with a client each); their locations to log in with."""
    names = [f"trainer{n:02d}" for n in range(trainers)]
    with Store.open(location) as owner:
        for name in names:
            owner.trainers.add(name)
            if logins is not None:
                logins[name] = create_login(owner.db, name)
    for name in names:
        with Store.open(location, trainer=name) as store:
            store.clients.add(ClientDetails(f"Client of {name}"))
    return names


def concurrent_holds(
    label: str,
    location: str,
    names: list[str],
    logins: dict[str, str] | None,
    holds: int,
    cluster: PostgresCluster | None,
    database: str,
) -> None:
    """Every trainer at once; p50/p99 per hold; every hold counted afterwards."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        start = manager.Event()
        jobs = []
        for name in names:
            if logins is not None and cluster is not None:
                where, who = cluster.url(database, user=name, password=logins[name]), None
            else:
                where, who = location, name
            jobs.append((where, who, holds, start))
        with ctx.Pool(len(jobs)) as pool:
            pending = pool.map_async(_run, jobs)
            time.sleep(2.0)  # every process has opened its store and started its session
            began = time.perf_counter()
            start.set()
            results = pending.get(timeout=600)
            wall = time.perf_counter() - began
    errors = [r for r in results if isinstance(r, str)]
    times = sorted(t for r in results if not isinstance(r, str) for t in r)
    with Store.open(location, trainer=EVERYONE) as store:
        saved = store.overview.totals().holds
    expected = len(names) * holds
    p50 = statistics.median(times) * 1000 if times else float("nan")
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000 if times else float("nan")
    print(
        f"{label:<11} {len(names)} trainers x {holds} holds at once: p50 {p50:7.1f} ms, "
        f"p99 {p99:7.1f} ms per hold; {wall:5.1f} s in all; holds in the store "
        f"{saved}/{expected}; errors {len(errors)}",
        flush=True,
    )
    for error in errors[:3]:
        print(f"            error: {error}")


def attention_ms(location: str, repeat: int) -> float:
    with Store.open(location, trainer=EVERYONE) as store:
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            needs_attention(store.overview.client_facts(TODAY), TODAY)
            times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--trainers", type=int, default=20)
    parser.add_argument("--holds", type=int, default=60, help="holds each trainer logs")
    parser.add_argument("--clients", type=int, default=5000, help="clients of the big studio")
    parser.add_argument("--years", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cluster = PostgresCluster()
    try:
        with tempfile.TemporaryDirectory(prefix="stretchkit-load-") as work:
            print(f"PostgreSQL {cluster.bin.parts[-2]} on port {cluster.port}; files in {work}")
            lite = str(Path(work) / "holds.db")
            cluster.sql('CREATE DATABASE "holds"')
            server = cluster.url("holds")
            names = _prepare(lite, args.trainers, None)
            concurrent_holds("SQLite", lite, names, None, args.holds, None, "holds")
            logins: dict[str, str] = {}
            names = _prepare(server, args.trainers, logins)
            concurrent_holds("PostgreSQL", server, names, logins, args.holds, cluster, "holds")

            big = str(Path(work) / "studio.db")
            began = time.perf_counter()
            with Store.open(big) as store:
                summary = seed_scale_data(
                    store, clients=args.clients, years=args.years, today=TODAY
                )
            seeded = time.perf_counter() - began
            print(f"studio: {summary.text} (seeded into SQLite in {seeded:.0f} s)")
            cluster.sql('CREATE DATABASE "studio"')
            began = time.perf_counter()
            with (
                Store.open(big, trainer=EVERYONE) as source,
                Store.open(cluster.url("studio"), trainer=EVERYONE) as target,
            ):
                copied = copy_store(source.db, target.db)
            took = time.perf_counter() - began
            print(
                f"store copy into PostgreSQL: {copied.total:,} rows, checked row by row, in "
                f"{took:.0f} s ({copied.total / took:,.0f} rows/s)"
            )
            cluster.sql("VACUUM ANALYZE", database="studio")
            on_lite = attention_ms(big, args.repeat)
            on_server = attention_ms(cluster.url("studio"), args.repeat)
            print(
                f"attention list, {args.clients} clients: SQLite {on_lite:7.1f} ms, "
                f"PostgreSQL {on_server:7.1f} ms (goal under 1000 ms); PostgreSQL / SQLite "
                f"{on_server / on_lite:.2f}x"
            )
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
