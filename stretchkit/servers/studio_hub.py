"""Starting the studio's JupyterHub (with its proxy, the trainers' workbooks and the client
dashboard under it), with a log that never shows a link's key."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _
from stretchkit.servers.dashboard_server import redact
from stretchkit.servers.launching import Server, python_module
from stretchkit.servers.studio_accounts import require_root
from stretchkit.servers.studio_config import ADMIN_TOKEN_FILE, CONFIG_FILE
from stretchkit.servers.studio_settings import StudioSettings

__all__ = ["PROXY_COMMAND", "StudioLog", "plan_hub"]

PROXY_COMMAND = "configurable-http-proxy"
_ROUTINE = re.compile(
    r"(\b[23]0[0-9] (GET|POST|HEAD|PUT|DELETE|PATCH) /)"  # requests that went well
    r"|is not trusted|running over TCP without encryption|Kernel pool of|websocket_ping"
    r"|^\s*https?://\S*\s*$"  # Voila's own address, on a line of its own: only the hub uses it
)


@dataclass
class StudioLog:
    """The hub's log (its proxy's and the dashboard's included): routine requests dropped,
    every link key replaced by 'key=…', the rest passed on."""

    def __call__(self, line: str) -> str | None:
        if not line.strip() or _ROUTINE.search(line):
            return None
        return redact(line)


def _check_ready(settings: StudioSettings) -> None:
    config = settings.folder / CONFIG_FILE
    for needed in (config, settings.folder / ADMIN_TOKEN_FILE):
        if not needed.exists():
            said = _("{file} is missing: run {command}")
            command = f"`stretchkit studio init --dir {settings.folder} ...`"
            raise StretchkitError(said.format(file=needed, command=command))
    if shutil.which(PROXY_COMMAND) is None:
        said = _("JupyterHub's proxy ({proxy}) is not installed: {command}")
        command = f"npm install -g {PROXY_COMMAND}"
        raise StretchkitError(said.format(proxy=PROXY_COMMAND, command=command))
    for said, path in (
        (_("the TLS certificate {file} is not a readable file"), settings.cert),
        (_("the TLS key {file} is not a readable file"), settings.key),
    ):
        if path is not None and not path.is_file():
            raise StretchkitError(said.format(file=path))


def plan_hub(settings: StudioSettings, hub_options: Sequence[str] = ()) -> Server:
    """The hub's command line on the studio's configuration (extra JupyterHub options last)."""
    require_root("stretchkit studio start")
    _check_ready(settings)
    argv = python_module("jupyterhub", "-f", str(settings.folder / CONFIG_FILE), *hub_options)
    host = settings.ip if settings.ip not in ("", "0.0.0.0") else "127.0.0.1"
    return Server(argv, host, settings.port, {}, StudioLog())
