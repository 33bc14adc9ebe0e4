"""The client dashboard server: Voila, in its own process, on the dashboard notebook alone,
with kernels prepared ahead of each client and a log that never shows a link's key."""

from __future__ import annotations

import os
import re
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from stretchkit.errors import ValidationError
from stretchkit.i18n import _, ngettext
from stretchkit.link_tokens import DASHBOARD_URL_ENV
from stretchkit.paths import DB_ENV_VAR, absolute_location, notebooks_dir
from stretchkit.servers.launching import Server, free_port, python_module

__all__ = [
    "DASHBOARD_NOTEBOOK",
    "DEFAULT_POOL_SIZE",
    "READY_MARK",
    "DashboardLog",
    "DashboardPlan",
    "machine_pool_size",
    "plan_dashboard",
]

DASHBOARD_NOTEBOOK = "dashboard.ipynb"
DEFAULT_POOL_SIZE = 5
"""The studio's pool when its settings name none (see studio_settings)."""
MAX_POOL_SIZE = 20
KERNELS_PER_CORE = 2
"""stretchkit's own default: a waiting kernel uses no CPU, a page being built about a core."""
KERNEL_MEMORY_BYTES = 150 * 2**20
"""A dashboard kernel's resident memory, with room (about 120 MB measured)."""
MEMORY_SHARE = 4
"""The pool takes at most a quarter of the memory free when the server starts."""
IOPUB_TIMEOUT_S = 30
KERNEL_START_S = 600
"""How long Voila waits for a kernel to start (its own default: 60 s). A kernel made ready
ahead of time that is not up in time is shut down without a word in the log, and its place
in the pool is lost: on a machine busy starting many at once, waiting longer is better."""
REFILL_DELAY_S = 10
IDLE_TIMEOUT_S = 90
CULL_INTERVAL_S = 30
"""A kernel with no page connected is given back once idle for IDLE_TIMEOUT_S, checked every
CULL_INTERVAL_S: within 2 minutes of its page closing. A kernel whose page is still
connected is never culled (`cull_connected=False`), and a running home session keeps its
kernel busy, so a page that loses its connection for a while keeps its kernel."""
TEMPLATE = "stretchkit"
TEMPLATE_ROOT = Path(__file__).resolve().parents[1] / "dashboard_template"
"""Holds voila/templates/stretchkit: the page that shows its first view before any script."""
SLOW_START_S = 180.0
"""When the dashboard says its kernels are slow to start, if they are not all ready by then
(stretchkit's own default: on a quiet machine they are ready within seconds)."""
READY_MARK = "stretchkit-dashboard-kernel-ready"
"""What a dashboard kernel writes to the server's log once it waits for a client."""

_KEY = re.compile(r"key(=|%3D)[^&%\s\"']*(%(?!26)[0-9A-F]{2}[^&%\s\"']*)*", re.IGNORECASE)
"""A link's key, also percent-encoded (e.g. in a `next=%2F%3Fkey%3D…` parameter)."""
_ACCESS = re.compile(r"^\d{3} [A-Z]+ /")
_QUIET = (
    "is not trusted",
    "running over TCP without encryption",
    "Kernel pool of",
    "websocket_ping_timeout",
    "Culling 'idle' kernel",  # a closed page's kernel given back: routine
)
_BARE_URL = re.compile(r"^\s*https?://\S*\s*$")


def link_host(host: str) -> str:
    """The address to put in links: this computer's address on the local network when the
    dashboard listens on every interface (no packet is sent to find it)."""
    if host not in ("0.0.0.0", ""):
        return host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return str(s.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def redact(line: str) -> str:
    """The line with every link key replaced by 'key=…'."""
    return _KEY.sub(lambda m: f"key{m.group(1)}\u2026", line)


@dataclass
class DashboardLog:
    """Filters Voila's log: says once when every kernel is ready, passes warnings and errors
    on with keys removed, drops routine chatter and per-request lines."""

    pool_size: int
    ready: int = 0
    slow_start_s: float = SLOW_START_S
    _watch: threading.Timer | None = field(default=None, init=False, repr=False)

    def __call__(self, line: str) -> str | None:
        if self._watch is None:  # the server's first line: its kernels are on their way
            self._watch = threading.Timer(self.slow_start_s, self._say_if_slow)
            self._watch.daemon = True
            self._watch.start()
        if READY_MARK in line:  # two kernels' marks can share a line
            return self._kernels_ready(line.count(READY_MARK))
        if _ACCESS.match(line) or _BARE_URL.match(line) or any(q in line for q in _QUIET):
            return None
        if line.startswith("[") and not re.search(r"(WARNING|ERROR|CRITICAL) \|", line):
            return None
        return redact(line)

    def _kernels_ready(self, count: int) -> str | None:
        was, self.ready = self.ready, self.ready + count
        if not was < self.pool_size <= self.ready:  # said once, when the pool fills
            return None
        return ngettext(
            "Dashboard ready: {count} kernel is warmed up for clients.",
            "Dashboard ready: {count} kernels are warmed up for clients.",
            self.pool_size,
        ).format(count=self.pool_size)

    def slow_start_note(self) -> str | None:
        """What to tell the trainer when the kernels are not all ready after slow_start_s;
        None once they are."""
        if self.ready >= self.pool_size:
            return None
        return _(
            "The client dashboard is slow to start: {ready} of {pool} kernels are ready after "
            "{seconds} s. Clients' links open meanwhile; the live part of a page (the home "
            "session, the charts) waits for a kernel."
        ).format(ready=self.ready, pool=self.pool_size, seconds=f"{self.slow_start_s:.0f}")

    def _say_if_slow(self) -> None:
        note = self.slow_start_note()
        if note is not None:
            print(note, flush=True)


@dataclass(frozen=True)
class DashboardPlan:
    """The dashboard server and the base URL of every client link."""

    server: Server
    url: str


def _voila_options(pool_size: int) -> list[str]:
    """Preheated kernels, tracebacks hidden, no file of the notebook folder served, idle
    pages culled."""
    return [
        f"--template={TEMPLATE}",
        "--preheat_kernel=True",
        f"--pool_size={pool_size}",
        "--show_tracebacks=False",
        "--strip_sources=True",
        "--VoilaConfiguration.file_denylist=.*",
        "--Voila.log_level=INFO",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_TIMEOUT_S}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        "--MappingKernelManager.cull_connected=False",
        # Several clients at once share the cores: give each page's cell time to finish
        # (Voila drops a cell's output after 4 s by default) and start the replacement
        # kernels only after such a burst, not while it is being served.
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_S}",
        f"--VoilaExecutor.startup_timeout={KERNEL_START_S}",
        f"--VoilaKernelManager.fill_delay={REFILL_DELAY_S}",
        # A closing page asks Voila to shut its kernel down with a POST that Voila's own page
        # sends without an XSRF token; allow it, or every closed page would hold a kernel for
        # an hour. No request here does anything without a kernel's random id.
        "--Voila.tornado_settings=disable_check_xsrf=True",
    ]


def machine_pool_size(cores: int | None = None, free_bytes: int | None = None) -> int:
    """The pool this machine affords: KERNELS_PER_CORE kernels a core, within a share of the
    free memory (MEMORY_SHARE) and 1 to MAX_POOL_SIZE; what is not given is read here."""
    cores = cores if cores is not None else (os.cpu_count() or 1)
    free = free_bytes if free_bytes is not None else _free_memory()
    by_memory = free // MEMORY_SHARE // KERNEL_MEMORY_BYTES
    return max(1, min(MAX_POOL_SIZE, KERNELS_PER_CORE * cores, by_memory))


def _free_memory() -> int:
    """The machine's free physical memory in bytes (a generous guess where unknown)."""
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return MAX_POOL_SIZE * MEMORY_SHARE * KERNEL_MEMORY_BYTES


def _jupyter_path() -> str:
    """Where Voila looks for templates: the dashboard's own first, then the usual places."""
    return os.pathsep.join(p for p in (str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH")) if p)


def plan_dashboard(
    db: str | Path,
    host: str,
    port: int,
    pool_size: int | None = None,
    *,
    base_url: str = "/",
    public_url: str | None = None,
    exact_port: bool = False,
) -> DashboardPlan:
    """The Voila command line for the dashboard notebook on a port known to be free (or, with
    `exact_port`, the port given); links start with `public_url` when given. Behind a base URL
    the preheated kernels reach Voila for their client's request on host:port under it.
    Without a pool size, the pool follows the machine (machine_pool_size)."""
    if pool_size is None:
        pool_size = machine_pool_size()
    if not 1 <= pool_size <= MAX_POOL_SIZE:
        said = _("must be 1 to {most} kernels").format(most=MAX_POOL_SIZE)
        raise ValidationError("pool size", pool_size, said)
    if not exact_port:
        port = free_port(host, port)
    notebook = notebooks_dir() / DASHBOARD_NOTEBOOK
    argv = python_module(
        "stretchkit.servers.dashboard_app",
        str(notebook),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.base_url={base_url}",
        *_voila_options(pool_size),
    )
    url = public_url or f"http://{link_host(host)}:{port}{base_url}"
    env = {
        DB_ENV_VAR: absolute_location(str(db)),
        DASHBOARD_URL_ENV: url,
        "JUPYTER_PATH": _jupyter_path(),
        # Voila issue 1140: a preheated kernel asks for its request under the base URL.
        "VOILA_APP_IP": host if host not in ("", "0.0.0.0") else "127.0.0.1",
        "VOILA_WS_BASE_URL": base_url,
    }
    return DashboardPlan(Server(argv, host, port, env, DashboardLog(pool_size)), url)
