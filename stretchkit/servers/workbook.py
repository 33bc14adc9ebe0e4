"""The trainer workbook: JupyterLab on the stretchkit notebooks, bound to one progress store."""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from stretchkit.link_tokens import DASHBOARD_URL_ENV
from stretchkit.paths import DB_ENV_VAR, absolute_location, checkout_root, notebooks_dir
from stretchkit.servers.launching import Server, free_port, python_module

__all__ = [
    "APP_NOTEBOOK",
    "FIRST_NOTEBOOK",
    "LAB_CONFIG",
    "WorkbookPlan",
    "plan_workbook",
    "prepare_notebook_dir",
    "workbook_log",
]

FIRST_NOTEBOOK = "stretch_library.ipynb"
APP_NOTEBOOK = "workbook.ipynb"
"""The trainer's app: every screen as a tab, opened rendered by Voila (no code, no Run All)."""
LAB_CONFIG = Path(__file__).resolve().parent / "lab_config"
"""A Jupyter config folder of the workbook's own: its page_config.json switches JupyterLab's
news announcements off."""
_CHATTER = (
    "is not trusted",  # the app is rendered by Voila, which never asks to trust it
    "running over TCP without encryption",  # kernels talk on this computer only
    "websocket_ping_timeout",  # a setting Jupyter adjusts on its own (two lines)
    "'_xsrf' argument missing",  # a closing app page asks for its kernel's shutdown
    "received signal 15, stopping",  # Ctrl+C stops the servers, as the terminal said
)
_REFUSED_SHUTDOWN = re.compile(r"\b403 (POST|DELETE) /\S*(shutdown|kernels)")
"""The request line of such a shutdown, refused without the token (its referer holds the
workbook's token)."""
TRAINER_ENV = "STRETCHKIT_TRAINER"
"""The trainer the workbook's notebooks open the store for (see stretchkit.store.trainers)."""


def workbook_log(line: str) -> str | None:
    """What the trainer sees of JupyterLab's log (already at WARN level): every warning,
    error and traceback, less the routine notes listed in `_CHATTER`."""
    if any(note in line for note in _CHATTER) or _REFUSED_SHUTDOWN.search(line):
        return None
    return line


@dataclass(frozen=True)
class WorkbookPlan:
    """Everything needed to start the workbook server, decided before starting it."""

    server: Server
    url: str
    """The app: the workbook notebook rendered by Voila inside the same server."""
    lab_url: str
    """JupyterLab on the individual notebooks."""
    notebook_dir: Path


def prepare_notebook_dir(requested: Path | None) -> Path:
    """The folder JupyterLab opens: as requested, the checkout's notebooks/, or a copy of the
    bundled notebooks in ./stretchkit-workbook (never overwriting a trainer's edits)."""
    if requested is not None:
        target = requested
    elif checkout_root() is not None:
        return notebooks_dir()
    else:
        target = Path.cwd() / "stretchkit-workbook"
    target.mkdir(mode=0o700, parents=True, exist_ok=True)  # saved notebooks hold client data
    for notebook in sorted(notebooks_dir().glob("*.ipynb")):
        if not (target / notebook.name).exists():
            shutil.copyfile(notebook, target / notebook.name)
    return target


def plan_workbook(
    db: str | Path,
    notebook_dir: Path,
    host: str,
    port: int,
    *,
    dashboard_url: str | None = None,
    trainer: str | None = None,
) -> WorkbookPlan:
    """The JupyterLab command line, with a fresh token and a port known to be free; the
    notebooks make client links for the dashboard at `dashboard_url` when given."""
    port = free_port(host, port)
    token = secrets.token_urlsafe(24)
    argv = python_module(
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={host}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--ServerApp.root_dir={notebook_dir}",
        f"--IdentityProvider.token={token}",
    )
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    base = f"http://{host}:{port}"
    url = f"{base}/voila/render/{APP_NOTEBOOK}?token={token}"
    lab_url = f"{base}/lab/tree/{FIRST_NOTEBOOK}?token={token}"
    config_path = os.pathsep.join(
        p for p in (str(LAB_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH")) if p
    )
    env = {
        DB_ENV_VAR: absolute_location(str(db)),
        "JUPYTER_CONFIG_PATH": config_path,
    }
    if dashboard_url is not None:
        env[DASHBOARD_URL_ENV] = dashboard_url
    if trainer:
        env[TRAINER_ENV] = trainer
    server = Server(argv, host, port, env, workbook_log)
    return WorkbookPlan(server, url, lab_url, notebook_dir)
