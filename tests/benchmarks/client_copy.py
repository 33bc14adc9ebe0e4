"""How long does a client's own copy of their data take, and how much memory? One run, printed.

Builds one synthetic client with 5 years of history (by default) in a real SQLite file, then
makes their copy (the ZIP of "Download my data") into a file, and prints its time, the peak
memory Python allocated while making it (tracemalloc), and, for comparison, the peak of
reading the same history whole; the target is under 10 s for 5 years.

    python3 tests/benchmarks/client_copy.py                 # 5 years
    python3 tests/benchmarks/client_copy.py --years 0.5     # a quick run
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from stretchkit.demo.scale import seed_scale_data
from stretchkit.services.client_copy import CopyCounts, write_client_copy
from stretchkit.store import Store

TODAY = date(2026, 11, 21)
TARGET_S = 10.0
"""The most a 5-year client's copy may take here."""


def _peak_mib(work: Callable[[], object]) -> tuple[object, float, float]:
    """What `work` returns, its seconds and the peak MiB Python allocated meanwhile."""
    tracemalloc.start()
    began = time.perf_counter()
    try:
        result = work()
        seconds = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, seconds, peak / (1024 * 1024)


def _copy(store: Store, client_id: int, out: Path) -> CopyCounts:
    with out.open("wb") as file:
        made_at = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
        return write_client_copy(store, client_id, file, made_at=made_at)


def _untimed(path: Path, client_id: int, out: Path) -> float:
    """The copy's time without tracemalloc (which slows allocation down)."""
    with Store.open(path) as store:
        began = time.perf_counter()
        _copy(store, client_id, out)
        return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    """Build the client, make the copy and print the figures; 1 when over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=5.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "store.db", Path(tmp) / "copy.zip"
        with Store.open(path) as store:
            print(
                f"client: {seed_scale_data(store, clients=1, years=args.years, today=TODAY).text}"
            )
            client_id = store.clients.all()[0].id
            counts, traced_s, peak = _peak_mib(lambda: _copy(store, client_id, out))
            _, _, whole = _peak_mib(lambda: store.history.of_client(client_id))
        seconds = _untimed(path, client_id, out)
        assert isinstance(counts, CopyCounts)
        files = len(zipfile.ZipFile(out).namelist())
        print(f"copy: {counts.text}")
        print(f"ZIP: {files} files, {out.stat().st_size / 1024:.0f} KiB")
        print(f"time: {seconds:.2f} s (target under {TARGET_S:.0f} s; {traced_s:.2f} s traced)")
        print(f"peak memory making the copy: {peak:.1f} MiB", end=" ")
        print(f"(reading the same history whole: {whole:.1f} MiB)")
    return 0 if args.years > 5 or seconds < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
