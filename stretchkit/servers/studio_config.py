"""The studio's jupyterhub_config.py, written from its settings: commented, so that an admin
can read what the hub does and change it."""

from __future__ import annotations

import sys
from pathlib import Path

from stretchkit.link_tokens import DASHBOARD_URL_ENV
from stretchkit.paths import DB_ENV_VAR
from stretchkit.servers.studio_settings import DASHBOARD_SERVICE, StudioSettings

__all__ = [
    "ADMINS_GROUP",
    "ADMIN_SERVICE",
    "ADMIN_TOKEN_FILE",
    "CONFIG_FILE",
    "DASHBOARD_USER",
    "TRAINERS_GROUP",
    "WORKBOOK_FOLDER",
    "dashboard_home",
    "render_config",
]

CONFIG_FILE = "jupyterhub_config.py"
TRAINERS_GROUP = "stretchkit-trainers"
ADMINS_GROUP = "stretchkit-admins"
DASHBOARD_USER = "stretchkit-dashboard"
ADMIN_SERVICE = "stretchkit-admin"
ADMIN_TOKEN_FILE = "admin-token"
WORKBOOK_FOLDER = "stretchkit-workbook"
START_TIMEOUT_S = 120
"""A trainer's JupyterLab may take a while to start on a busy two-core server."""


def dashboard_home(settings: StudioSettings) -> Path:
    """The dashboard service's own folder (its password file lives there)."""
    return settings.folder / "dashboard"


def _public(settings: StudioSettings) -> str:
    scheme = "https" if settings.tls else "http"
    lines = [
        "# --- Where trainers and clients reach the studio ------------------------------------",
        f"# Public address: {settings.public_url}",
        f"c.JupyterHub.bind_url = {f'{scheme}://{settings.ip}:{settings.port}'!r}",
    ]
    if settings.tls:
        lines += [
            "# The proxy serves HTTPS itself with this certificate and key (renew them in place",
            "# and restart the hub).",
            f"c.JupyterHub.ssl_cert = {str(settings.cert)!r}",
            f"c.JupyterHub.ssl_key = {str(settings.key)!r}",
        ]
    else:
        lines += [
            "# No certificate: a reverse proxy on this server serves HTTPS at the public address",
            "# and passes requests to this plain-HTTP port on 127.0.0.1 only.",
        ]
    return "\n".join(lines)


def _inside(settings: StudioSettings) -> str:
    folder = settings.folder
    return f"""\
# --- Inside the server: the hub, its proxy's API and the hub's own records --------------
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{settings.hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = {str(folder / "jupyterhub-proxy.pid")!r}
# The hub's own database (users, sessions; no client data): a file in this folder.
c.JupyterHub.db_url = {"sqlite:///" + str(folder / "jupyterhub.sqlite")!r}
c.JupyterHub.cookie_secret_file = {str(folder / "jupyterhub_cookie_secret")!r}
# Stopping the hub stops every trainer's JupyterLab and the dashboard, kernels included.
c.JupyterHub.cleanup_servers = True"""


def _login() -> str:
    return f"""\
# --- Who logs in: this server's own users, with their system password (PAM) -------------
# A trainer is a system user in the group {TRAINERS_GROUP}; an admin is also in
# {ADMINS_GROUP} and may see and stop trainers' servers on the hub's admin page.
# `stretchkit studio add-trainer NAME` and `remove-trainer NAME` manage both. Clients are
# not hub users: they never log in (their personal link opens their page only).
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {{{TRAINERS_GROUP!r}}}
c.PAMAuthenticator.admin_groups = {{{ADMINS_GROUP!r}}}
# No login session (utmp, systemd-logind) is opened for a hub login.
c.PAMAuthenticator.open_sessions = False
# Shown above the login form: a client who lands here is told where their page is.
c.JupyterHub.template_vars = {{
    "announcement_login": (
        "stretchkit studio: trainers sign in with their studio user name and password. "
        "Clients never sign in here: open the personal link your trainer sent you."
    ),
}}"""


def _workbook(settings: StudioSettings) -> str:
    return f"""\
# --- Each trainer's workbook: JupyterLab, run as the trainer's own system user ----------
# The workbook connects to the studio's store with the trainer's own database login: the
# URL names no user, so the system user's name is the login, and its password is in the
# trainer's ~/.pgpass (owner-only). Row-level security shows them their own clients only.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{sys.executable!r}, "-m", "stretchkit.servers.studio_workbook"]
c.Spawner.notebook_dir = "~/{WORKBOOK_FOLDER}"
# A trainer lands on the workbook app (its forms, no code); JupyterLab is at /user/NAME/lab.
c.Spawner.default_url = "/voila/render/workbook.ipynb"
c.Spawner.start_timeout = {START_TIMEOUT_S}
c.Spawner.http_timeout = {START_TIMEOUT_S}
c.Spawner.environment = {{
    {DB_ENV_VAR!r}: {settings.trainer_db!r},
    # Client links made in the workbook start with the studio's public address.
    {DASHBOARD_URL_ENV!r}: {settings.dashboard_url!r},
}}"""


def _services(settings: StudioSettings) -> str:
    token = settings.folder / ADMIN_TOKEN_FILE
    return f"""\
# --- The client dashboard: Voila, started, restarted and proxied by the hub -------------
# Served at {settings.dashboard_url}; it runs as the system user {DASHBOARD_USER},
# whose database login sees, in each request, only the client whose link key it checked.
# stretchkit's admin commands reach the hub's API with the token in {ADMIN_TOKEN_FILE}.
c.JupyterHub.services = [
    {{
        "name": {DASHBOARD_SERVICE!r},
        "url": "http://127.0.0.1:{settings.dashboard_port}",
        "command": [{sys.executable!r}, "-m", "stretchkit.servers.studio_dashboard"],
        "user": {DASHBOARD_USER!r},
        "cwd": {str(dashboard_home(settings))!r},
        "environment": {{
            {DB_ENV_VAR!r}: {settings.dashboard_db!r},
            "PGPASSFILE": {str(dashboard_home(settings) / ".pgpass")!r},
            "STRETCHKIT_DASHBOARD_HOME": {str(dashboard_home(settings))!r},
            {DASHBOARD_URL_ENV!r}: {settings.dashboard_url!r},
            "STRETCHKIT_DASHBOARD_POOL": "{settings.pool_size}",
        }},
        "display": False,
    }},
    {{
        "name": {ADMIN_SERVICE!r},
        "api_token": open({str(token)!r}, encoding="utf-8").read().strip(),
    }},
]
c.JupyterHub.load_roles = [
    {{
        "name": {ADMIN_SERVICE!r},
        "scopes": ["admin:users", "admin:servers"],
        "services": [{ADMIN_SERVICE!r}],
    }},
]"""


def render_config(settings: StudioSettings) -> str:
    """The whole jupyterhub_config.py for these settings."""
    head = f"""\
# JupyterHub configuration of the stretchkit studio at {settings.public_url}.
# Written by `stretchkit studio init` from studio.toml in this folder; run init again to
# change a value (the file it replaces is kept as {CONFIG_FILE}.previous).
# `stretchkit studio start --dir {settings.folder}` runs the hub with it.
c = get_config()  # noqa: F821 (JupyterHub provides it)
"""
    parts = [head, _public(settings), _inside(settings), _login(), _workbook(settings)]
    return "\n\n".join([*parts, _services(settings)]) + "\n"
