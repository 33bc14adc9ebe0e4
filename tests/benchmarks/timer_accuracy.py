"""How late does the session timer end a hold? Real holds on the real clock, in one run.

Runs the SessionTimer widget (its own asyncio ticking, a real store file) through several
holds and reports how long after each hold's planned end the end was noticed, measured against
the session's absolute schedule. In the same run, a plain timer that counts down by sleeping
one second per displayed second (the usual first attempt) runs the same holds, so the two
can be compared as a ratio. Both run once on an idle interpreter and once while another
thread keeps the interpreter busy (as a kernel serving other widgets would).

    python3 tests/benchmarks/timer_accuracy.py            # 6 holds of 5 s, about 2 minutes
    python3 tests/benchmarks/timer_accuracy.py --holds 2 --hold-s 2   # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import ipywidgets as w

from stretchkit.catalog import default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import Phase, Timeline
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.store import Store
from stretchkit.widgets.kit.session_timer import SessionTimer

STRETCH = "seated-thoracic-flexion"


def _timeline(holds: int, hold_s: int) -> Timeline:
    phases = []
    for rep in range(1, holds + 1):
        at = {"stretch_id": STRETCH, "rep": rep, "reps": holds}
        phases.append(Phase("hold", hold_s, f"Hold {rep}", "Breathe.", "Ask.", **at))  # type: ignore[arg-type]
        phases.append(Phase("rest", 1, "Rest", "Relax.", "", **at))  # type: ignore[arg-type]
    return Timeline(tuple(phases))


async def _stretchkit_timer(store: Store, client: int, timeline: Timeline) -> list[float]:
    timer = SessionTimer(store, client, Routine(()), timeline=timeline, tick_s=0.25)
    timer.start()
    deadline = time.monotonic() + timeline.total_s + 30
    while timer.runner.state == "running":
        if time.monotonic() > deadline:
            raise TimeoutError(f"the timer still runs 30 s after its {timeline.total_s} s")
        await asyncio.sleep(0.05)
    return [end.late_s for end in timer.hold_ends]


async def _sleeping_timer(timeline: Timeline) -> list[float]:
    """The naive timer: show the count, sleep one second, repeat; ends are wherever that lands."""
    display = w.HTML()
    start, planned, errors = time.monotonic(), 0.0, []
    for phase in timeline.phases:
        for left in range(phase.duration_s, 0, -1):
            display.value = f'<div class="sk-clock">0:{left:02d}</div>'
            await asyncio.sleep(1)
        planned += phase.duration_s
        if phase.kind == "hold":
            errors.append(time.monotonic() - start - planned)
    return errors


def _busy(stop: threading.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(20_000))


def _figures(label: str, errors: list[float]) -> str:
    ms = [e * 1000 for e in errors]
    return (
        f"{label:<38} mean {statistics.mean(ms):7.1f} ms   max {max(ms):7.1f} ms   "
        f"last hold {ms[-1]:7.1f} ms"
    )


def run(holds: int, hold_s: int) -> None:
    timeline = _timeline(holds, hold_s)
    print(f"{holds} holds of {hold_s} s with 1 s rests ({timeline.total_s} s per run)")
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        client = store.clients.add(ClientDetails("Benchmark Client")).id
        intake = Intake(date.today(), 40)  # screened: a session starts only for a ready client
        store.screenings.add(client, screen(intake, default_catalog()))
        for load in ("idle", "busy"):
            stop = threading.Event()
            if load == "busy":
                threading.Thread(target=_busy, args=(stop,), daemon=True).start()
            ours = asyncio.run(_stretchkit_timer(store, client, timeline))
            naive = asyncio.run(_sleeping_timer(timeline))
            stop.set()
            print(_figures(f"stretchkit timer, {load} interpreter", ours))
            print(_figures(f"sleep(1) per second, {load} interpreter", naive))
            ratio = statistics.mean(naive) / max(statistics.mean(ours), 1e-6)
            print(f"  -> the sleeping timer ends holds {ratio:.0f}x later on average ({load})")
        logged = sum(len(store.sessions.holds(s.id)) for s in store.sessions.of_client(client))
        print(f"holds saved to the store by the stretchkit timer: {logged}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holds", type=int, default=6)
    parser.add_argument("--hold-s", type=int, default=5)
    args = parser.parse_args()
    run(args.holds, args.hold_s)


if __name__ == "__main__":
    main()
