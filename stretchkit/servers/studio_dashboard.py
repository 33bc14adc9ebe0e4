"""The client dashboard as the studio hub's service: the hub runs this as the dashboard's
system user; it becomes Voila under the service's prefix, on the address the hub gave it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _
from stretchkit.paths import DB_ENV_VAR
from stretchkit.servers.dashboard_server import DEFAULT_POOL_SIZE, DashboardPlan, plan_dashboard

__all__ = ["POOL_ENV", "service_plan"]

POOL_ENV = "STRETCHKIT_DASHBOARD_POOL"
HOME_ENV = "STRETCHKIT_DASHBOARD_HOME"


def service_plan(environ: Mapping[str, str]) -> DashboardPlan:
    """Voila for the hub's service: its URL and prefix are what the hub set for it."""
    try:
        address = urlsplit(environ["JUPYTERHUB_SERVICE_URL"])
        prefix = environ["JUPYTERHUB_SERVICE_PREFIX"]
        db = environ[DB_ENV_VAR]
    except KeyError as missing:
        said = _("the dashboard service runs under the studio's hub, which sets {variable}")
        raise StretchkitError(said.format(variable=missing)) from None
    pool = int(environ.get(POOL_ENV, DEFAULT_POOL_SIZE))
    return plan_dashboard(
        db,
        address.hostname or "127.0.0.1",
        address.port or 8866,
        pool,
        base_url=prefix,
        public_url=environ.get("STRETCHKIT_DASHBOARD_URL"),
        exact_port=True,
    )


def main() -> None:
    """Replace this process with Voila (the hub stops and restarts it)."""
    plan = service_plan(os.environ)
    os.umask(0o077)
    # The hub names the service's system user here; the dashboard is no trainer: its login
    # sees the one client whose link key it checked.
    env = {k: v for k, v in os.environ.items() if k != "JUPYTERHUB_USER"}
    # Voila's runtime files go in this studio's dashboard folder, whatever the user's home.
    env["HOME"] = os.environ.get(HOME_ENV, env.get("HOME", ""))
    os.execve(plan.server.argv[0], list(plan.server.argv), {**env, **plan.server.env})


if __name__ == "__main__":
    main()
