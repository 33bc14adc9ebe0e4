"""Setting up a studio server and its trainers: the folder, the hub's configuration, the
dashboard's account and login, and each trainer's system user and database login."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _
from stretchkit.plurals import counted
from stretchkit.servers import studio_accounts as accounts
from stretchkit.servers.studio_config import (
    ADMIN_TOKEN_FILE,
    ADMINS_GROUP,
    CONFIG_FILE,
    DASHBOARD_USER,
    TRAINERS_GROUP,
    dashboard_home,
    render_config,
)
from stretchkit.servers.studio_settings import DASHBOARD_LOGIN, StudioSettings, save_settings
from stretchkit.store import Store
from stretchkit.store.server_logins import (
    DASHBOARD_GROUP,
    create_login,
    drop_login,
    save_password,
)
from stretchkit.store.trainers import EVERYONE, valid_username

__all__ = ["TrainerAdded", "add_trainer", "init_studio", "remove_trainer"]

_PRIVATE = 0o600


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _PRIVATE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    path.chmod(_PRIVATE)


def _write_config(settings: StudioSettings) -> Path:
    target = settings.folder / CONFIG_FILE
    if target.exists():
        shutil.copy2(target, target.with_name(CONFIG_FILE + ".previous"))
    _write_private(target, render_config(settings))
    return target


def _dashboard_account(settings: StudioSettings, store: Store) -> None:
    """The dashboard service's system user (its home in the studio folder) and its database
    login, whose password only that user can read."""
    home = dashboard_home(settings)
    accounts.ensure_user(DASHBOARD_USER, home=home, system=True)
    home.mkdir(mode=0o700, exist_ok=True)
    password = create_login(store.db, DASHBOARD_LOGIN, group=DASHBOARD_GROUP)
    pgpass = home / ".pgpass"
    save_password(pgpass, store.db, DASHBOARD_LOGIN, password)
    for path in (home, pgpass):
        accounts.give_to(path, DASHBOARD_USER)


def _closed_parent(path: Path) -> Path | None:
    """The first folder above `path` that other users may not enter, if any."""
    for parent in path.resolve().parents:
        if parent.exists() and not parent.stat().st_mode & 0o001:
            return parent
    return None


def _check_reachable(folder: Path) -> None:
    """The dashboard's user must reach its home in the folder, and every trainer must be
    able to run this Python (the hub starts their JupyterLab with it, as them)."""
    closed = _closed_parent(folder)
    if closed is not None:
        said = _(
            "the studio folder {folder} is inside {closed}, which other users may not enter: "
            "the dashboard's user could not reach its home (choose a folder such as {example})"
        )
        raise StretchkitError(said.format(folder=folder, closed=closed, example="/srv/stretchkit"))
    closed = _closed_parent(Path(sys.executable))
    if closed is not None:
        said = _(
            "this Python ({python}) is inside {closed}, which other users may not enter: the "
            "trainers' JupyterLab runs as them with it. Install stretchkit in a virtual "
            "environment of the system's Python, e.g. {command}"
        )
        command = "/usr/bin/python3 -m venv /opt/stretchkit"
        raise StretchkitError(said.format(python=sys.executable, closed=closed, command=command))


def init_studio(settings: StudioSettings) -> Path:
    """Make (or remake) the studio folder: settings, the hub's configuration, the admin
    token, the groups and the dashboard's account; the store is migrated on the way."""
    accounts.require_root("stretchkit studio init")
    _check_reachable(settings.folder)
    settings.folder.mkdir(parents=True, exist_ok=True)
    settings.folder.chmod(0o711)  # the dashboard's user may only pass through to its home
    save_settings(settings)
    token = settings.folder / ADMIN_TOKEN_FILE
    if not token.exists():
        _write_private(token, secrets.token_hex(32) + "\n")
    for group in (TRAINERS_GROUP, ADMINS_GROUP):
        accounts.ensure_group(group)
    with Store.open(settings.db, trainer=EVERYONE) as store:
        _dashboard_account(settings, store)
    return _write_config(settings)


@dataclass(frozen=True)
class TrainerAdded:
    """What adding a trainer to the studio did."""

    username: str
    is_admin: bool
    new_in_store: bool
    password_set: bool


def _trainer_pgpass(settings: StudioSettings, store: Store, name: str) -> None:
    password = create_login(store.db, name)
    pgpass = accounts.home_of(name) / ".pgpass"
    save_password(pgpass, store.db, name, password)
    accounts.give_to(pgpass, name)


def add_trainer(
    settings: StudioSettings,
    username: str,
    *,
    display_name: str = "",
    is_admin: bool = False,
    password: str | None = None,
) -> TrainerAdded:
    """Give a trainer the studio: a system user (their workbook runs as them), their group,
    the store's trainer and their own database login (password in their ~/.pgpass)."""
    accounts.require_root("stretchkit studio add-trainer")
    name = valid_username(username)
    with Store.open(settings.db, trainer=EVERYONE) as store:
        known = {t.username for t in store.trainers.all()}
        if name not in known:
            store.trainers.add(name, display_name, is_admin=is_admin)
        admin = is_admin or store.trainers.get(name).is_admin
        accounts.ensure_user(name)
        _trainer_pgpass(settings, store, name)
    accounts.add_to_group(name, TRAINERS_GROUP)
    if admin:
        accounts.add_to_group(name, ADMINS_GROUP)
    if password is not None:
        accounts.set_password(name, password)
    return TrainerAdded(name, admin, name not in known, password is not None)


def _hub_delete_user(settings: StudioSettings, name: str) -> bool:
    """Ask the running hub to stop the trainer's server and forget them; False when the hub
    is not running."""
    token = (settings.folder / ADMIN_TOKEN_FILE).read_text(encoding="utf-8").strip()
    request = urllib.request.Request(
        f"http://127.0.0.1:{settings.hub_port}/hub/api/users/{name}",
        method="DELETE",
        headers={"Authorization": f"token {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60):
            return True
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return True  # the hub never saw them
        said = _("the hub refused to remove {name}: {reason}")
        raise StretchkitError(said.format(name=name, reason=f"{e.code} {e.reason}")) from None
    except (urllib.error.URLError, OSError):
        return False


def remove_trainer(settings: StudioSettings, username: str) -> bool:
    """Take a trainer off the studio (their clients must be handed over first): their server
    stopped, out of the groups, their system password locked and their database login
    dropped. Their store entry stays, for the clients' handover history. True when the
    running hub stopped their server."""
    accounts.require_root("stretchkit studio remove-trainer")
    name = valid_username(username)
    with Store.open(settings.db, trainer=name) as store:
        count = store.clients.count()
        if count:
            said = _("{name} still has {clients}: hand each over first ({command})")
            command = "stretchkit trainer hand-over CLIENT --to NAME"
            clients = counted(count, "client")
            raise StretchkitError(said.format(name=name, clients=clients, command=command))
        stopped = _hub_delete_user(settings, name)
        for group in (TRAINERS_GROUP, ADMINS_GROUP):
            accounts.remove_from_group(name, group)
        if accounts.user_exists(name):
            accounts.lock_user(name)
        drop_login(store.db, name)
    return stopped


def hub_api(settings: StudioSettings, path: str) -> object:
    """GET one of the hub's API paths with stretchkit's admin token (for `studio status`)."""
    token = (settings.folder / ADMIN_TOKEN_FILE).read_text(encoding="utf-8").strip()
    request = urllib.request.Request(
        f"http://127.0.0.1:{settings.hub_port}/hub/api/{path}",
        headers={"Authorization": f"token {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())
