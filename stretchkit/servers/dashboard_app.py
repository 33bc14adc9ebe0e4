"""The dashboard's Voila server (`python -m stretchkit.servers.dashboard_app`, with Voila's
options): Voila itself, except that a client's request for the page gets its first view from
the server at once (stretchkit.widgets.dashboard.dashboard_first_view), read in a worker
thread while the server goes on serving, and Voila's live page (a kernel from the pool) only
when the first view's script asks for it. Every other address is Voila's as usual. Beside it
runs the chart keeper (stretchkit.widgets.dashboard.dashboard_chart_keeper), so the charts a
page shows are found kept."""

from __future__ import annotations

import asyncio
import atexit
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from stretchkit.servers.kernel_forks import use_forked_kernels
from stretchkit.widgets.dashboard.dashboard_chart_keeper import hand_on_drawing_version
from stretchkit.widgets.dashboard.dashboard_first_view import LIVE_HEADER, first_view_page

__all__ = ["CHART_KEEPER", "DashboardVoila", "FirstViewHandler", "KernelSocket", "main"]

CHART_KEEPER = "stretchkit.widgets.dashboard.dashboard_chart_keeper"
"""The process beside the server that keeps every linked client's charts drawn ahead."""

FIRST_VIEW_READERS = 4
"""First views read at once (each reads the store for a few milliseconds)."""
_READERS = ThreadPoolExecutor(FIRST_VIEW_READERS, thread_name_prefix="first-view")
NO_STORE = {
    "Cache-Control": "no-cache, no-store, must-revalidate",
    "Pragma": "no-cache",
    "Expires": "0",
    "Referrer-Policy": "no-referrer",
    "Content-Type": "text/html; charset=utf-8",
}


class FirstViewHandler(TornadoVoilaHandler):  # type: ignore[misc]
    """The dashboard's page: its first view at once, Voila's live page when asked for."""

    async def get(self, path: str | None = None) -> Any:
        if path or self.request.headers.get(LIVE_HEADER):
            return await super().get(path=path)
        loop = asyncio.get_running_loop()
        query, today = self.request.query, date.today()
        asked = self.request.headers.get("Accept-Language")
        html = await loop.run_in_executor(_READERS, first_view_page, query, today, None, asked)
        for name, value in NO_STORE.items():
            self.set_header(name, value)
        await self.finish(html)
        return None


class KernelSocket(VoilaKernelWebsocketHandler):  # type: ignore[misc]
    """Voila's kernel websocket, except that a page closed while its socket was still being
    opened (a client leaving during a burst) ends that socket quietly: Jupyter Server asks
    the closed connection for its protocol and logs a traceback
    (jupyter-server/jupyter_server#1265)."""

    def _gone(self) -> bool:
        return getattr(self, "connection", None) is None

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        if self._gone():
            return None
        chosen: str | None = super().select_subprotocol(subprotocols)
        return chosen

    async def open(self, kernel_id: str) -> None:
        if self._gone():
            self.close()
            return
        await super().open(kernel_id)


_OURS = {TornadoVoilaHandler: FirstViewHandler, VoilaKernelWebsocketHandler: KernelSocket}


class DashboardVoila(Voila):  # type: ignore[misc]
    """Voila, with the dashboard's page served by FirstViewHandler and its kernel sockets by
    KernelSocket."""

    def init_handlers(self) -> list[Any]:
        return [
            (rule[0], _OURS.get(rule[1], rule[1]), *rule[2:]) for rule in super().init_handlers()
        ]


def start_chart_keeper() -> subprocess.Popen[bytes]:
    """Start the chart keeper beside this server; it is stopped when the server exits."""
    keeper = subprocess.Popen([sys.executable, "-m", CHART_KEEPER], stdin=subprocess.DEVNULL)
    atexit.register(keeper.terminate)
    return keeper


def main() -> None:
    """Run the dashboard's Voila server with the command line's options, and the chart
    keeper beside it; both hand the drawing code's version to what they start. The kernel
    forker (stretchkit.servers.kernel_forks) starts at once, in this thread, so it imports
    while Voila starts and ends with this process."""
    hand_on_drawing_version()
    start_chart_keeper()
    use_forked_kernels()
    DashboardVoila.launch_instance()


if __name__ == "__main__":
    main()
