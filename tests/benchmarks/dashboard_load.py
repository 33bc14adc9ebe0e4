"""How long until a client sees their first chart? The dashboard against plain Voila, one run.

Drives the system Chromium (headless, through Playwright) and times, from the start of
`page.goto(url)` until the first chart is visible (an <img> that has loaded, with a box on
screen, once Voila's loading spinner, if any, is gone). The dashboard's page arrives as a
first view in plain HTML, hold chart included, which its live widgets replace once drawn:
its chart counts when the first view's is on screen, and each dashboard load also says when
the live page (home-session button, every chart, the routine's steps) had taken its place.

- the client dashboard (`stretchkit dashboard --demo`, preheated kernel pool, a throw-away
  store with the 6 demo clients): N loads one after another, each in a fresh browser context
  (nothing cached), the demo clients' links in turn, `--gap` seconds apart. The gap models
  clients arriving apart: a load takes a warm kernel from the pool and the pool refills
  behind it;
- the baseline a trainer would otherwise give a client: a one-chart matplotlib notebook
  (inline PNG output) served by plain `voila` with no preheat, N loads the same way;
- the floor: a static HTML page with the same hold chart PNG (as the dashboard kept it in
  its store) served by `python -m http.server`, N loads the same way;
- the kernel CPU-seconds per live page (the median over the sequential loads; the kernel
  that refills the pool behind each load is counted with it);
- bursts (`--crowds`, default 10 and 20): that many clients open their links at the same
  moment (past the 6 demo clients, a link is opened twice), started once the
  server has settled again (no kernel is starting or warming up: the pool has refilled).
  The browser pages share this machine's cores with the server, which real clients on
  their own devices would not; so the burst runs twice: once with the browsers, and once
  with as many plain HTTP clients that only read the page (the server's share on its own), timed
  until the bytes of each client's chart have arrived and until the page's last byte. A
  burst's pages are looked at every BURST_POLL_MS ms (one page at a time: on every frame).

The dashboard's memory per idle kernel is printed once its pool is warm (the run waits for
`Dashboard ready` at most `--ready-timeout`, then measures all the same: a first view needs
no kernel), the first view's time from the key check (one client at a time, read by a plain
HTTP client), the peak memory of the server and its kernels during each burst, and
(`--after-close`, default 130 s) how many kernels past those waiting before the bursts are
left that long after the last burst's pages closed.

`--url URL --db STORE` measures a dashboard that runs already, e.g. the studio hub's
`https://HOST/services/dashboard/` (root, with the store owner's password where libpq finds
it): a link is made for each of the first clients with holds and revoked at the end; the
CPU and memory figures need its Voila process on this machine (found by its base URL or
port), else they say "not measured".

Each series also says where the CPU went (kernels, the Voila server, the browser), how
many kernels were running, and the warnings the dashboard printed (`--server-log FILE`
keeps its whole output, keys cut short). Other work on the
machine makes every figure higher: each phase prints how busy the whole machine was, and
only ratios within one run compare.

Figures are printed; no target fails the run. The exit status is non-zero only when a page
did not show its chart at all (or the dashboard did not start).

    python3 tests/benchmarks/dashboard_load.py                        # 7 loads each, ~5 minutes
    python3 tests/benchmarks/dashboard_load.py --loads 1 --gap 3      # a quick look
    python3 tests/benchmarks/dashboard_load.py --url https://127.0.0.1:8443/services/dashboard/ \
        --db postgresql://…/stretchkit --after-close 0                  # the studio's
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import re
import signal
import sqlite3
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TextIO
from urllib.parse import urlsplit
from urllib.request import urlopen

import nbformat
from nbformat.v4 import new_code_cell, new_notebook
from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the test helpers live in tests/

from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.servers import free_port, wait_listening  # noqa: E402

DASHBOARD_CHART = ".sk-chart-holds img, img.sk-chart-holds"
FIRST_CHART_TAG = b'<img class="sk-chart-holds"'
FIRST_CHART_PNG = re.compile(
    rb'<img class="sk-chart-holds"[^>]*src="data:image/png;base64,([^"]+)"'
)
LINK_LABEL = "dashboard load benchmark"
BASELINE_CHART = ".jp-OutputArea-output img"
CLIENT_LINK = re.compile(r"^\s*(?P<name>[^:]+?):\s+(?P<link>https?://\S+\?key=\S+)")
KEY = re.compile(r"key=([^\s&#]{0,4})[^\s&#]*")
WITH_HOLDS_SQL = (
    "SELECT DISTINCT clients.name FROM clients JOIN sessions ON sessions.client_id = clients.id"
    " JOIN holds ON holds.session_id = sessions.id"
)
BURST = 5
CPU_KINDS = {  # checked in order: a kernel's command line names Voila's folder too
    "kernels": (b"ipykernel", b"kernel_forks"),  # the forker and every kernel forked from it
    "Voila server": (b"voila", b"dashboard"),
    "browser": (b"chrom",),
}
KERNEL_CPU_TARGET_S = 0.5  # kernel CPU-seconds per live page, refill included
STATIC_CHART = "img.static-chart"
CPU_PER_LOAD: dict[str, dict[str, float]] = {}
"""The median CPU seconds per load of each series, by kind (kernels, server, browser)."""
SETTLED_CPU_S = 0.05  # the server has settled when it uses less CPU than this per second

# Complete: the page has been parsed and Voila's spinner (if any) is gone.
SHOWN_JS = "() => document.readyState !== 'loading' && !document.getElementById('loading')"
# Visible: no spinner, and the chart image has pixels and a box on the page (on the
# dashboard, the first view's chart counts: it is on screen before any script runs).
VISIBLE_JS = """(selector) => {
  if (document.getElementById('loading')) return false;
  const img = document.querySelector(selector);
  if (!img || !img.complete || img.naturalWidth === 0) return false;
  const box = img.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}"""

# Live: the dashboard's widgets are drawn and the first view has stepped aside.
LIVE_JS = """() => {
  const first = document.querySelector('.sk-first-view');
  return !!first && first.getClientRects().length === 0;
}"""

BASELINE_CELL = """\
import matplotlib.pyplot as plt

weeks = list(range(1, 13))
held = [18, 20, 21, 21, 24, 25, 24, 27, 28, 30, 29, 32]
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(weeks, held, marker="o", label="held")
ax.plot(weeks, [30] * len(weeks), linestyle=":", label="target")
ax.set_xlabel("Week")
ax.set_ylabel("Hold (s)")
ax.set_title("Seated thoracic flexion")
ax.legend()
plt.show()
"""


@dataclass(frozen=True)
class Plan:
    """What the run does: loads per series, the gap between them, time limits, the pool."""

    loads: int
    gap_s: float
    timeout_s: float
    pool_size: int
    ready_timeout_s: float
    crowds: tuple[int, ...] = (10, 20)
    after_close_s: float = 0.0
    url: str | None = None
    db: str | None = None
    server_log: str | None = None


@dataclass(frozen=True)
class Load:
    """One page load: seconds from the start of goto until the chart was visible, until the
    page was complete (parsed, no spinner) and, on the dashboard, until the live page had
    replaced the first view; None when that never happened within the timeout."""

    chart_s: float | None
    shown_s: float | None
    live_s: float | None = None

    def __str__(self) -> str:
        chart = "NEVER VISIBLE" if self.chart_s is None else f"{self.chart_s:.2f} s"
        text = f"chart {chart} (page complete {_at(self.shown_s)}"
        if self.live_s is not None or self.chart_s is None:
            return f"{text}, live page drawn {_at(self.live_s)})"
        return f"{text})"


def _at(seconds: float | None) -> str:
    return "never" if seconds is None else f"at {seconds:.2f} s"


Figures = dict[str, list[Load]]
"""Loads by series: "baseline", "dashboard", "burst"."""


@dataclass
class Dashboard:
    """The dashboard measured: a `stretchkit dashboard` this run started (its process, the
    demo links it printed as client name -> link, its output), or one already running at
    `--url` (no process of ours: `server` is its Voila's process id when found here)."""

    proc: subprocess.Popen[str] | None
    server: int | None = None
    links: dict[str, str] = field(default_factory=dict)
    ready: threading.Event = field(default_factory=threading.Event)
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=40))
    warnings: Counter[str] = field(default_factory=Counter)
    reader: threading.Thread | None = None
    log: TextIO | None = None
    """Where the whole output goes as well (--server-log), keys masked."""
    idle_kernels: int | None = None
    """Kernels running before the first burst (the warm pool): those left past it count."""


def masked(text: str) -> str:
    """The text with every `key=` token cut to its first 4 characters."""
    return KEY.sub(lambda m: f"key={m.group(1)}…", text)


def stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM, as a service manager would; then kill its process group if it hangs."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Proc(NamedTuple):
    parent: int
    argv: bytes
    cpu_s: float


def process_table() -> dict[int, Proc]:
    """Every process: parent, command line, CPU time used (Linux /proc; empty elsewhere)."""
    table, tick = {}, os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat, argv = (entry / "stat").read_text(), (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        table[int(entry.name)] = Proc(
            int(fields[1]), argv, (int(fields[11]) + int(fields[12])) / tick
        )
    return table


def descends(table: dict[int, Proc], pid: int, root: int) -> bool:
    """Whether the process is a child (or grandchild...) of `root`."""
    while pid > 1 and pid in table:
        pid = table[pid].parent
        if pid == root:
            return True
    return False


FORKER = b"kernel_forks"


def is_kernel(table: dict[int, Proc], pid: int) -> bool:
    """A kernel started as its own Python, or forked by the dashboard's kernel forker (a
    fork has the forker's command line, and the forker as its parent)."""
    proc = table[pid]
    if b"ipykernel" in proc.argv:
        return True
    parent = table.get(proc.parent)
    return FORKER in proc.argv and parent is not None and FORKER in parent.argv


def kernels(server: int | None) -> int | None:
    """How many kernel processes run under the server process (None: not on this machine)."""
    if server is None:
        return None
    table = process_table()
    return sum(is_kernel(table, pid) and descends(table, pid, server) for pid in table)


def resident_mb(pid: int) -> float:
    """A process's share of memory in MB (0 when it has gone): its proportional set size,
    so the pages a fork shares with the forker and the other kernels count once in a sum;
    its resident size where the system does not say."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory(server: int | None) -> tuple[list[float], float]:
    """The resident MB of each kernel under the server, and of the server with them all."""
    if server is None:
        return [], 0.0
    table = process_table()
    tree = [pid for pid in table if pid == server or descends(table, pid, server)]
    each = [resident_mb(pid) for pid in tree if is_kernel(table, pid)]
    return each, sum(resident_mb(pid) for pid in tree)


class PeakMemory:
    """The most memory the server and its kernels held while a burst ran (sampled)."""

    def __init__(self, server: int | None) -> None:
        self.server, self.peak_mb, self._stop = server, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        # Each sample reads every process's memory map summary (a forked kernel's shared
        # pages count once): once a second, so the sampling takes little from the burst.
        while True:  # at once, then each second, and once more as the burst ends
            self.peak_mb = max(self.peak_mb, memory(self.server)[1])
            if self._stop.wait(1.0):
                self.peak_mb = max(self.peak_mb, memory(self.server)[1])
                return

    def said(self) -> str:
        if self.server is None:
            return "not measured (no server process on this machine)"
        return f"{self.peak_mb:.0f} MB"

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def kind_of(argv: bytes) -> str | None:
    """Kernel, server or browser, by the command line; None for anything else."""
    for kind, marks in CPU_KINDS.items():
        if any(mark in argv for mark in marks):
            return kind
    return None


CPU_ROOTS = [os.getpid()]
"""The processes whose descendants' CPU is counted: this run's, and a studio hub it measures."""


def cpu_by_kind() -> dict[str, float]:
    """CPU seconds used so far by this run's kernels, servers and browser processes."""
    table, totals = process_table(), dict.fromkeys(CPU_KINDS, 0.0)
    for pid, proc in table.items():
        kind = kind_of(proc.argv)
        if kind and any(descends(table, pid, root) for root in CPU_ROOTS):
            totals[kind] += proc.cpu_s
    return totals


def cpu_used(before: dict[str, float]) -> dict[str, float]:
    return {kind: max(0.0, used - before[kind]) for kind, used in cpu_by_kind().items()}


def cpu_text(used: dict[str, float]) -> str:
    return ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in used.items())


# --- measuring in the browser -----------------------------------------------------------


async def open_page(browser: Browser) -> Page:
    """A page in a fresh browser context: no cache, no cookies (a studio's throwaway
    certificate accepted)."""
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, ignore_https_errors=True
    )
    return await context.new_page()


async def close_page(page: Page) -> None:
    """Close as a user closing the tab would (unload handlers run), then drop the context."""
    try:
        await page.close(run_before_unload=True)
    finally:
        await page.context.close()


BURST_POLL_MS = 100
"""How often a page of a burst is looked at. Watching on every animation frame (as for one
page at a time) keeps each page drawing frames 60 times a second: with 10 or 20 pages on
the server's cores, the watching itself took more CPU than the pages."""


async def wait_js(
    page: Page, script: str, arg: str, deadline: float, polling: float | str = "raf"
) -> float | None:
    """The `perf_counter()` at which the script returned true (checked on every animation
    frame, or every `polling` ms); None if not by the deadline."""
    left_ms = max(1.0, (deadline - time.perf_counter()) * 1000)
    try:
        await page.wait_for_function(script, arg=arg, timeout=left_ms, polling=polling)
    except PlaywrightTimeout:
        return None
    return time.perf_counter()


async def time_chart(
    page: Page, url: str, chart: str, timeout_s: float, polling: float | str = "raf"
) -> Load:
    """Seconds from the start of goto until the chart shows and until the page is complete
    (each watched on its own, so neither waits for the other); on the dashboard also until
    the live page is drawn."""
    began = time.perf_counter()
    deadline = began + timeout_s
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    except PlaywrightError as error:
        print(f"    failed to open: {masked(str(error).splitlines()[0])}")
        return Load(None, None)
    waits = [
        wait_js(page, VISIBLE_JS, chart, deadline, polling),
        wait_js(page, SHOWN_JS, "", deadline, polling),
    ]
    if chart == DASHBOARD_CHART:
        waits.append(wait_js(page, LIVE_JS, "", deadline, polling))
    ends = await asyncio.gather(*waits)
    return Load(*(None if end is None else end - began for end in ends))


async def load_once(
    browser: Browser, url: str, chart: str, timeout_s: float
) -> tuple[Load, dict[str, float]]:
    """One load in its own fresh context, closed afterwards; also the CPU it took."""
    page = await open_page(browser)
    try:
        before = cpu_by_kind()
        return await time_chart(page, url, chart, timeout_s), cpu_used(before)
    finally:
        await close_page(page)


async def series(browser: Browser, urls: dict[str, str], chart: str, plan: Plan) -> list[Load]:
    """`plan.loads` loads one after another, `plan.gap_s` apart, cycling through the URLs."""
    names, loads, cpu = list(urls), [], []
    for i in range(plan.loads):
        if i:
            await asyncio.sleep(plan.gap_s)
        name = names[i % len(names)]
        load, used = await load_once(browser, urls[name], chart, plan.timeout_s)
        print(f"  load {i + 1} ({name}): {load}")
        loads.append(load)
        cpu.append(used)
    typical = {kind: statistics.median(used[kind] for used in cpu) for kind in CPU_KINDS}
    CPU_PER_LOAD[chart] = typical
    print(f"  CPU per load (median): {cpu_text(typical)}")
    return loads


async def burst(browser: Browser, urls: dict[str, str], timeout_s: float) -> list[Load]:
    """Every URL opened at the same moment, each in its own context; one figure per client."""
    pages = [await open_page(browser) for _ in urls]
    try:
        pairs, before, began = (
            zip(pages, urls.values(), strict=True),
            cpu_by_kind(),
            time.perf_counter(),
        )
        loads = await asyncio.gather(
            *(time_chart(p, u, DASHBOARD_CHART, timeout_s, BURST_POLL_MS) for p, u in pairs)
        )
        wall = time.perf_counter() - began
        print(f"  CPU used in {wall:.1f} s on {os.cpu_count()} cores: {cpu_text(cpu_used(before))}")
    finally:
        await asyncio.gather(*(close_page(p) for p in pages))
    for name, load in zip(urls, loads, strict=True):
        print(f"  {name}: {load}")
    return loads


async def http_read(url: str, began: float, timeout_s: float) -> Load:
    """Read the page as a plain HTTP client: seconds until the first view's chart has fully
    arrived, and until the last byte (the live page's part included)."""
    parts = urlsplit(url)
    target = f"{parts.path or '/'}?{parts.query}"
    tls = None
    if parts.scheme == "https":  # a studio's hub: its certificate may be a throwaway one
        tls = ssl.create_default_context()
        tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    port = parts.port or (443 if tls else 80)
    reader, writer = await asyncio.open_connection(parts.hostname, port, ssl=tls)
    chart_end, body = None, b""
    try:
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        while chunk := await asyncio.wait_for(reader.read(65536), timeout_s):
            body += chunk
            start = body.find(FIRST_CHART_TAG) if chart_end is None else -1
            if start >= 0 and body.find(b">", start) >= 0:  # the whole <img> tag, picture too
                chart_end = time.perf_counter() - began
    finally:
        writer.close()
    return Load(chart_end, time.perf_counter() - began)


async def http_burst(urls: dict[str, str], timeout_s: float) -> list[Load]:
    """Every URL read at the same moment by a plain HTTP client."""
    before, began = cpu_by_kind(), time.perf_counter()
    loads = await asyncio.gather(*(http_read(u, began, timeout_s) for u in urls.values()))
    wall = time.perf_counter() - began
    print(f"  CPU used in {wall:.1f} s on {os.cpu_count()} cores: {cpu_text(cpu_used(before))}")
    for name, load in zip(urls, loads, strict=True):
        print(f"  {name}: chart's bytes arrived {_at(load.chart_s)}, last byte {_at(load.shown_s)}")
    return loads


# --- waiting until the server has settled -----------------------------------------------


def cpu_counters() -> tuple[int, int]:
    """(all, idle) CPU ticks of the whole machine so far, from /proc/stat."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(ticks), ticks[3] + ticks[4]


def machine_busy(before: tuple[int, int]) -> float:
    """Share of the whole machine's CPU time in use since `before`."""
    total, idle = cpu_counters()
    return 1 - (idle - before[1]) / max(1, total - before[0])


async def wait_settled(at_least_s: float, at_most_s: float = 90) -> str:
    """Wait at least `at_least_s`, then until this run's server and kernels have been idle
    for a second (kernels being started or warmed up use CPU; a warm pool does not)."""
    if not Path("/proc/stat").exists():
        await asyncio.sleep(at_least_s)
        return f"waited {at_least_s:g} s"
    began = time.monotonic()
    await asyncio.sleep(at_least_s)
    while True:
        before, machine = cpu_by_kind(), cpu_counters()
        await asyncio.sleep(1)
        used, busy, waited = cpu_used(before), machine_busy(machine), time.monotonic() - began
        server = used["kernels"] + used["Voila server"]
        if server < SETTLED_CPU_S or waited > at_most_s:
            break
    state = "idle" if server < SETTLED_CPU_S else f"STILL BUSY ({server:.0%} of a core)"
    return f"server {state} after {waited:.1f} s; whole machine {busy:.0%} busy"


# --- the baseline: plain Voila, no preheat ------------------------------------------------


def write_baseline(folder: Path) -> Path:
    """The one-chart notebook a trainer might serve with plain Voila."""
    notebook = new_notebook(
        cells=[new_code_cell(BASELINE_CELL)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    path = folder / "baseline.ipynb"
    nbformat.write(notebook, path)
    return path


@contextmanager
def plain_voila(notebook: Path, runtime: Path) -> Iterator[tuple[str, int]]:
    """`python -m voila notebook` on a free port, no preheat; yields its URL and pid."""
    port = free_port()
    argv = [sys.executable, "-m", "voila", notebook.name, "--no-browser", f"--port={port}"]
    argv += ["--Voila.ip=127.0.0.1", "--Voila.port_retries=0"]
    proc = subprocess.Popen(
        argv,
        cwd=notebook.parent,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        wait_listening(port, proc, timeout_s=90)
        yield f"http://127.0.0.1:{port}/", proc.pid
    finally:
        stop(proc)


async def measure_baseline(browser: Browser, folder: Path, plan: Plan) -> list[Load]:
    print("\nbaseline: plain Voila, one matplotlib chart (inline PNG), no preheat")
    runtime = folder / "baseline-runtime"
    with plain_voila(write_baseline(folder), runtime) as (url, pid):
        print(f"  before the first load: {await wait_settled(1)}")
        times = await series(browser, {"baseline": url}, BASELINE_CHART, plan)
        await asyncio.sleep(1)
        print(f"  kernels running 1 s after the last page closed: {kernels(pid)}")
    return times


# --- the floor: a static page with the same PNG, from a plain HTTP server ---------------


def unverified_tls(url: str) -> ssl.SSLContext | None:
    """For a studio's hub, whose certificate may be a throwaway one; None for plain HTTP."""
    if urlsplit(url).scheme != "https":
        return None
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    return tls


def first_view_png(link: str) -> bytes | None:
    """The hold chart of a client's first view, as the dashboard's server sent it (kept)."""
    try:
        with urlopen(link, timeout=60, context=unverified_tls(link)) as reply:
            body = reply.read()
    except OSError as error:
        print(f"  the first view could not be read: {masked(str(error))}")
        return None
    found = FIRST_CHART_PNG.search(body)
    return None if found is None else base64.b64decode(found[1])


@contextmanager
def static_server(folder: Path, png: bytes) -> Iterator[str]:
    """`python -m http.server` serving an HTML page with the PNG; yields the page's URL."""
    folder.mkdir(exist_ok=True)
    (folder / "chart.png").write_bytes(png)
    (folder / "index.html").write_text(
        '<!doctype html><html><body><h1>Your progress</h1><img class="static-chart"'
        ' src="chart.png" alt="Hold duration over weeks" style="width:100%;max-width:640px">'
        "</body></html>"
    )
    port = free_port()
    argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    proc = subprocess.Popen(
        argv,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        wait_listening(port, proc, timeout_s=30)
        yield f"http://127.0.0.1:{port}/index.html"
    finally:
        stop(proc)


async def measure_static(
    browser: Browser, links: dict[str, str], folder: Path, plan: Plan
) -> list[Load]:
    png = await asyncio.to_thread(first_view_png, next(iter(links.values())))
    if png is None:
        print("\nstatic page: no kept chart in the first view, not measured")
        return []
    print(f"\nstatic page: the same PNG ({len(png) // 1024} KB) from a plain HTTP server")
    with static_server(folder / "static", png) as url:
        return await series(browser, {"static": url}, STATIC_CHART, plan)


# --- the dashboard ------------------------------------------------------------------------


def read_output(dash: Dashboard) -> None:
    """Follow the dashboard's output: collect demo links, notice `Dashboard ready`, count
    warnings and errors (a traceback by its last line)."""
    assert dash.proc is not None and dash.proc.stdout is not None
    in_traceback = False
    for line in dash.proc.stdout:
        text = masked(line.rstrip())
        dash.tail.append(text)
        if dash.log is not None:
            print(text, file=dash.log, flush=True)
        in_traceback = note_problem(dash.warnings, text, in_traceback)
        found = CLIENT_LINK.match(line)
        if found:
            dash.links[found["name"].strip()] = found["link"]
        if "Dashboard ready" in line:
            dash.ready.set()
    dash.ready.set()  # the process ended: stop waiting


def note_problem(problems: Counter[str], text: str, in_traceback: bool) -> bool:
    """Count a warning or error line, or a traceback's closing line; still in a traceback?"""
    if text.startswith("Traceback"):
        return True
    if in_traceback and text and not text.startswith(" "):
        problems[f"Traceback ... {text}"] += 1
        return False
    if not in_traceback and re.search(r"WARNING|ERROR|CRITICAL", text):
        problems[text] += 1
    return in_traceback


def start_dashboard(folder: Path, pool_size: int, log: str | None = None) -> Dashboard:
    """`stretchkit dashboard --demo` on a throw-away store; its output read in a thread."""
    db = folder / "bench.db"
    argv = [sys.executable, "-m", "stretchkit", "dashboard", "--db", str(db)]
    argv += ["--port", str(free_port()), "--pool-size", str(pool_size), "--demo"]
    runtime = folder / "dashboard-runtime"
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        argv,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": path, "JUPYTER_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        start_new_session=True,
    )
    dash = Dashboard(proc, proc.pid)
    if log is not None:
        os.close(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        Path(log).chmod(0o600)  # owner only, even if it was there before
        dash.log = Path(log).open("w", encoding="utf-8")  # noqa: SIM115 (the reader's)
    dash.reader = threading.Thread(target=read_output, args=(dash,), daemon=True)
    dash.reader.start()
    return dash


async def wait_ready(dash: Dashboard, db: Path, timeout_s: float) -> dict[str, str]:
    """Wait for `Dashboard ready` (every kernel of the pool waits for a client), at most
    `timeout_s`: past it the run goes on with the kernels that are warm (a first view needs
    none; a kernel that never warmed up is said). The links of the demo clients whose page
    has a chart."""
    began = time.monotonic()
    await asyncio.to_thread(dash.ready.wait, timeout_s)
    alive(dash)
    waited = time.monotonic() - began
    if dash.ready.is_set():
        print(f"  ready after {waited:.1f} s; demo clients: {', '.join(dash.links)}")
    else:
        print(
            f"  NOT every kernel of the pool said it was ready within {timeout_s:g} s"
            f" ({kernels(dash.server)} kernels running): measuring all the same, a first"
            " view needs no kernel"
        )
    if not dash.links:
        raise RuntimeError(f"the dashboard printed no client link in {waited:.0f} s")
    charted = with_history(db, dash.links)
    skipped = ", ".join(name for name in dash.links if name not in charted) or "nobody"
    print(f"  left out (no session yet, so no chart on their page): {skipped}")
    if len(charted) < BURST:
        raise RuntimeError(
            f"only {len(charted)} demo clients have a chart; the burst needs {BURST}"
        )
    return charted


def idle_memory(dash: Dashboard) -> None:
    """Say (and note for the summary) the memory of each kernel waiting for a client."""
    each, total = memory(dash.server)
    if not each:
        NOTES["memory per idle kernel"] = "not measured (no server process on this machine)"
        return
    NOTES["memory per idle kernel"] = (
        f"median {statistics.median(each):.0f} MB ({len(each)} kernels; server and"
        f" kernels {total:.0f} MB)"
    )
    print(f"  memory per idle kernel: {NOTES['memory per idle kernel']}")


def with_history(db: Path, links: dict[str, str]) -> dict[str, str]:
    """The clients who have held stretches: a client without any has no chart to wait for."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        names = {row[0] for row in conn.execute(WITH_HOLDS_SQL)}
    return {name: link for name, link in links.items() if name in names}


def alive(dash: Dashboard) -> None:
    if dash.proc is not None and dash.proc.poll() is not None:
        raise RuntimeError(f"the dashboard exited with status {dash.proc.returncode}")


def report_output(dash: Dashboard, before_stop: Counter[str], finished: bool) -> None:
    """Warnings the dashboard printed (keys cut short) while measuring and while stopping;
    its last lines if the run broke off."""
    for when, said in (
        ("while measuring", before_stop),
        ("when stopped", dash.warnings - before_stop),
    ):
        for line, count in said.items():
            print(f"  dashboard said {count}x {when}: {line}")
    if not finished:
        print("  the end of the dashboard's output:")
        for line in dash.tail:
            print(f"    | {line}")


async def first_views(links: dict[str, str], plan: Plan) -> list[Load]:
    """One client at a time read by a plain HTTP client: the first view's chart bytes
    arrive once the key is checked and the client's rows and kept chart read."""
    names, loads = list(links), []
    for i in range(plan.loads):
        began = time.perf_counter()
        load = await http_read(links[names[i % len(names)]], began, plan.timeout_s)
        print(f"  first view {i + 1}: chart's bytes arrived {_at(load.chart_s)}")
        loads.append(load)
    return loads


async def time_dashboard(
    browser: Browser, dash: Dashboard, links: dict[str, str], folder: Path, plan: Plan
) -> dict[str, list[Load]]:
    """The sequential loads, then (once the server has settled) each burst, twice: in the
    browser, and read by plain HTTP clients (the server on its own)."""
    idle_memory(dash)
    print(f"  before the first load: {await wait_settled(1)}")
    figures = {"dashboard": await series(browser, links, DASHBOARD_CHART, plan)}
    print(f"\nfirst view alone, one client at a time: {await wait_settled(1)}")
    figures["first view"] = await first_views(links, plan)
    figures["static"] = await measure_static(browser, links, folder, plan)
    dash.idle_kernels = kernels(dash.server)
    for crowd in plan.crowds:
        figures.update(await time_crowd(browser, dash, links, crowd, plan))
    if plan.after_close_s > 0:
        await kernels_left(dash, plan.after_close_s)
    return figures


async def kernels_left(dash: Dashboard, after_s: float) -> None:
    """Wait, then count the kernels past those that waited before the bursts (the pool)."""
    await asyncio.sleep(after_s)
    now, before = kernels(dash.server), dash.idle_kernels
    name = f"kernels left {after_s:g} s after the last page closed"
    if now is None or before is None:
        NOTES[name] = "not measured (no server process on this machine)"
    else:
        NOTES[name] = f"{max(0, now - before)} (past the {before} waiting before the bursts)"
    print(f"\n{name}: {NOTES[name]}")


def crowd_links(links: dict[str, str], crowd: int) -> dict[str, str]:
    """`crowd` clients' links: the clients' in turn (a link opened twice past them)."""
    names = list(links)
    return {
        f"{names[i % len(names)]}" + (f" #{i // len(names) + 1}" if i >= len(names) else ""): (
            links[names[i % len(names)]]
        )
        for i in range(crowd)
    }


async def time_crowd(
    browser: Browser, dash: Dashboard, links: dict[str, str], crowd: int, plan: Plan
) -> dict[str, list[Load]]:
    """`crowd` clients at once, in browsers, then read by plain HTTP clients."""
    clients = crowd_links(links, crowd)
    print(f"\nburst: {crowd} clients open their links at the same moment")
    print(f"  before the burst: {await wait_settled(plan.gap_s)}")
    alive(dash)
    print(f"  kernels running before the burst: {kernels(dash.server)}")
    with PeakMemory(dash.server) as peak:
        found = {f"burst {crowd}": await burst(browser, clients, plan.timeout_s)}
    NOTES[f"peak memory, burst of {crowd} with browsers"] = peak.said()
    print(f"  peak memory (server and kernels) during the burst: {peak.said()}")
    await asyncio.sleep(1)
    print(f"  kernels running 1 s after the burst's pages closed: {kernels(dash.server)}")
    print(
        f"\nburst again, read by {crowd} plain HTTP clients: the server's share alone, as"
        f" when clients use their own devices (no script runs, so no live page is drawn)"
    )
    print(f"  before the burst: {await wait_settled(plan.gap_s)}")
    alive(dash)
    with PeakMemory(dash.server) as peak:
        found[f"burst {crowd}, server alone"] = await http_burst(clients, plan.timeout_s)
    NOTES[f"peak memory, burst of {crowd} server alone"] = peak.said()
    return found


async def measure_dashboard(browser: Browser, folder: Path, plan: Plan, figures: Figures) -> None:
    """Start the dashboard, time it, report what it said; always stop it."""
    print(f"\ndashboard: pool of {plan.pool_size}, {plan.loads} loads {plan.gap_s:g} s apart")
    dash, finished = start_dashboard(folder, plan.pool_size, plan.server_log), False
    try:
        links = await wait_ready(dash, folder / "bench.db", plan.ready_timeout_s)
        figures.update(await time_dashboard(browser, dash, links, folder, plan))
        finished = True
    finally:
        before_stop = Counter(dash.warnings)
        if dash.proc is not None:
            stop(dash.proc)
        if dash.reader:
            dash.reader.join(timeout=10)  # the last lines it printed
        report_output(dash, before_stop, finished)


# --- a dashboard already running (--url) --------------------------------------------------


def find_server(url: str) -> int | None:
    """The process id of the dashboard's Voila serving `url` on this machine: the one with
    the URL's path as its base URL (behind a studio's hub) or its port; None if not one."""
    parts = urlsplit(url)
    servers = {
        pid: proc.argv + b"\0"
        for pid, proc in process_table().items()
        if b"stretchkit.servers.dashboard_app" in proc.argv
    }
    for mark in (f"--port={parts.port}", f"--Voila.base_url={parts.path}"):
        found = [pid for pid, argv in servers.items() if f"{mark}\0".encode() in argv]
        if len(found) == 1 and mark != "--Voila.base_url=/":
            return found[0]
    return None


@contextmanager
def fresh_links(db: str, url: str, count: int) -> Iterator[dict[str, str]]:
    """A new link under `url` for each of the first `count` clients with holds in the store
    the running dashboard reads (client name -> link); revoked afterwards."""
    from stretchkit.store import Store  # only against a running dashboard
    from stretchkit.store.trainers import EVERYONE

    with Store.open(db, trainer=EVERYONE) as store:
        chosen = [c for c in store.clients.all() if store.history.of_client(c.id).hold_count]
        if not chosen:
            raise RuntimeError("the store has no client with holds: no chart to wait for")
        made = [(c, *store.links.create(c.id, LINK_LABEL)) for c in chosen[:count]]
        try:
            yield {c.name: f"{url}?key={token}" for c, _, token in made}
        finally:
            for _, link, _ in made:
                store.links.revoke(link.id)


async def measure_running(browser: Browser, folder: Path, plan: Plan, figures: Figures) -> None:
    """Time a dashboard that runs already (`--url`), with links made for the run."""
    assert plan.url is not None and plan.db is not None
    dash = Dashboard(None, find_server(plan.url))
    table = process_table()
    if dash.server is not None and dash.server in table:
        CPU_ROOTS.append(table[dash.server].parent)  # its Voila, kernels and chart keeper
    where = f"process {dash.server}" if dash.server else "not found here: no CPU, memory"
    if dash.server is None:
        CPU_ROOTS.clear()  # no kernel of its is ours to count
    print(f"\ndashboard at {plan.url} (its server: {where})")
    with fresh_links(plan.db, plan.url, max(BURST, max(plan.crowds, default=1))) as links:
        figures.update(await time_dashboard(browser, dash, links, folder, plan))


# --- the summary --------------------------------------------------------------------------


NOTES: dict[str, str] = {}
"""Figures said once: memory per idle kernel, peak memory per burst, kernels left."""


def charts(loads: list[Load]) -> list[float]:
    """Chart times of the loads that showed their chart."""
    return [load.chart_s for load in loads if load.chart_s is not None]


def failed(loads: list[Load]) -> int:
    return sum(load.chart_s is None for load in loads)


def spread(loads: list[Load] | None) -> str:
    if not loads or not charts(loads):
        return "not measured" if not loads else f"no chart in {len(loads)} loads"
    times = charts(loads)
    missing = f"; {failed(loads)} of {len(loads)} NEVER showed it" if failed(loads) else ""
    return (
        f"median {statistics.median(times):.2f} s (min {min(times):.2f} s,"
        f" max {max(times):.2f} s, {len(times)} loads); page complete: median"
        f" {_median([load.shown_s for load in loads])}{_live(loads)}{missing}"
    )


def _median(seconds: list[float | None]) -> str:
    known = [t for t in seconds if t is not None]
    return f"{statistics.median(known):.2f} s" if known else "never"


def _live(loads: list[Load]) -> str:
    if all(load.live_s is None for load in loads):
        return ""
    return f"; live page drawn: median {_median([load.live_s for load in loads])}"


def comparison(figures: Figures, against: str = "baseline") -> str:
    ours, base = charts(figures.get("dashboard", [])), charts(figures.get(against, []))
    if not ours or not base:
        return "not measured"
    ratio = statistics.median(ours) / statistics.median(base)
    return f"{ratio:.2f} (the dashboard shows its chart {1 / ratio:.1f}x as fast)"


def chart_target(crowd: int) -> float:
    """Every first view's chart of a burst, the server alone: 1 s for 10, 2 s for 20."""
    return max(1.0, crowd / 10)


def live_target(crowd: int) -> float:
    """Every live page of a burst, browsers on the same cores: 10 s for 10, 20 s for 20."""
    return max(10.0, float(crowd))


def live_verdict(crowd: list[Load] | None, target_s: float) -> str:
    lives = [load.live_s for load in crowd or []]
    if not lives:
        return "not measured"
    if any(t is None for t in lives):
        missing = sum(t is None for t in lives)
        return f"{missing} of {len(lives)} live pages NEVER drawn: MISSES the target"
    worst = max(t for t in lives if t is not None)
    verdict = "within" if worst <= target_s else "MISSES"
    return f"worst {worst:.2f} s, {verdict} the {target_s:g} s target"


def kernel_cpu() -> str:
    used = CPU_PER_LOAD.get(DASHBOARD_CHART)
    if used is None or not CPU_ROOTS:
        return "not measured"
    verdict = "within" if used["kernels"] <= KERNEL_CPU_TARGET_S else "MISSES"
    return (
        f"{used['kernels']:.2f} s (median per load, the pool's refill included),"
        f" {verdict} the {KERNEL_CPU_TARGET_S:g} s target"
    )


def burst_verdict(crowd: list[Load] | None, target_s: float | None = None) -> str:
    if not crowd:
        return "not measured"
    if failed(crowd):
        return f"{failed(crowd)} of {len(crowd)} clients NEVER saw their chart: MISSES the target"
    worst = max(charts(crowd))
    verdict = ""
    if target_s is not None:
        verdict = f", {'within' if worst <= target_s else 'MISSES'} the {target_s:g} s target"
    median = statistics.median(charts(crowd))
    return f"worst {worst:.2f} s{verdict} (median {median:.2f} s{_live(crowd)})"


def summary(plan: Plan, figures: Figures) -> None:
    """The figures side by side; parts that were not measured say so."""
    print("\n== summary ==")
    print(
        f"machine: {os.cpu_count()} cores; dashboard kernel pool:"
        f" {'as it runs' if plan.url else plan.pool_size};"
        f" sequential loads {plan.gap_s:g} s apart, each in a fresh browser context"
    )
    print(f"dashboard, first chart visible: {spread(figures.get('dashboard'))}")
    print(f"plain Voila baseline, chart visible: {spread(figures.get('baseline'))}")
    print(f"dashboard median / baseline median: {comparison(figures)}")
    print(f"static page with the same PNG (plain HTTP server): {spread(figures.get('static'))}")
    print(f"dashboard median / static page median: {comparison(figures, 'static')}")
    first = burst_verdict(figures.get("first view"))
    print(f"first view from the key check, one client at a time (chart's bytes): {first}")
    print(f"kernel CPU-seconds per live page: {kernel_cpu()}")
    for crowd in plan.crowds:
        shown = figures.get(f"burst {crowd}")
        print(
            f"burst of {crowd} clients at once, browsers on the server's cores:"
            f" {burst_verdict(shown)}; live pages: {live_verdict(shown, live_target(crowd))}"
        )
        alone = burst_verdict(figures.get(f"burst {crowd}, server alone"), chart_target(crowd))
        print(
            f"burst of {crowd} clients at once, the server alone (chart's bytes arrived): {alone}"
        )
    for name in ("memory per idle kernel", *sorted(n for n in NOTES if n.startswith("peak"))):
        print(f"{name}: {NOTES.get(name, 'not measured')}")
    left = next((n for n in NOTES if n.startswith("kernels left")), None)
    print(
        f"{left}: {NOTES[left]}"
        if left
        else "kernels left after the last page closed: not measured (--after-close 0)"
    )


# --- the run ------------------------------------------------------------------------------


async def run(plan: Plan, figures: Figures) -> None:
    """The baseline first, then the dashboard, in one browser; figures land in `figures`."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with tempfile.TemporaryDirectory(prefix="dashboard-load-") as tmp:
                figures["baseline"] = await measure_baseline(browser, Path(tmp), plan)
                if plan.url:
                    await measure_running(browser, Path(tmp), plan, figures)
                else:
                    await measure_dashboard(browser, Path(tmp), plan, figures)
        finally:
            await browser.close()


def arguments(argv: list[str] | None) -> Plan:
    """The run's plan from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=7, help="sequential loads per series")
    parser.add_argument("--gap", type=float, default=8.0, help="seconds between loads")
    parser.add_argument("--pool-size", type=int, default=5, help="the dashboard's kernel pool")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per load")
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=120.0,
        help="seconds to wait for every kernel of the pool to warm up (then measured anyway)",
    )
    parser.add_argument(
        "--crowds", default="10,20", help="clients arriving at once, one burst each (e.g. 5,10)"
    )
    parser.add_argument(
        "--after-close",
        type=float,
        default=130.0,
        help="seconds after the last burst's pages closed to count the kernels left (0: not)",
    )
    parser.add_argument(
        "--url",
        help="a dashboard already running, e.g. https://HOST/services/dashboard/ behind the"
        " studio's hub (with --db: links are made for the run and revoked after it)",
    )
    parser.add_argument("--db", help="with --url: the store that dashboard reads")
    parser.add_argument(
        "--server-log",
        help="write the dashboard's whole output to this file (keys cut short, owner only)",
    )
    args = parser.parse_args(argv)
    if bool(args.url) != bool(args.db):
        parser.error("--url and --db go together")
    return Plan(
        args.loads,
        args.gap,
        args.timeout,
        args.pool_size,
        args.ready_timeout,
        tuple(int(n) for n in args.crowds.split(",")),
        args.after_close,
        args.url,
        args.db,
        args.server_log,
    )


def main(argv: list[str] | None = None) -> int:
    """Measure and print; 0 unless something failed to load at all."""
    plan = arguments(argv)
    figures: Figures = {}
    try:
        asyncio.run(run(plan, figures))
    except (RuntimeError, TimeoutError) as error:
        summary(plan, figures)
        print(f"\nFAILED: {masked(str(error))}")
        return 1
    summary(plan, figures)
    return exit_status(figures)


def exit_status(figures: Figures) -> int:
    """1, said, when any page never showed its chart; else 0."""
    blank = sum(failed(loads) for loads in figures.values())
    if blank:
        print(f"\nFAILED: {blank} page(s) never showed their chart")
    return 1 if blank else 0


if __name__ == "__main__":
    sys.exit(main())
