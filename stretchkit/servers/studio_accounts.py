"""The studio server's system accounts: a trainer is a system user in the trainers' group
(their JupyterLab runs as them, their database password is in their own ~/.pgpass); the
dashboard service has a system user of its own. Managing them needs root."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from stretchkit.errors import StretchkitError
from stretchkit.i18n import _

__all__ = [
    "add_to_group",
    "ensure_group",
    "ensure_user",
    "give_to",
    "group_exists",
    "group_members",
    "home_of",
    "lock_user",
    "remove_from_group",
    "require_root",
    "set_password",
    "user_exists",
]


def require_root(what: str) -> None:
    """Refuse, by name, a task that changes system accounts when not run as root."""
    if os.geteuid() != 0:
        said = _("{task} changes the server's system users: run it as root (e.g. with sudo)")
        raise StretchkitError(said.format(task=what))


def _run(argv: Sequence[str], stdin: str | None = None) -> None:
    tool = shutil.which(argv[0]) or argv[0]
    try:
        done = subprocess.run(
            [tool, *argv[1:]], input=stdin, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        said = _("{program} is not installed on this server")
        raise StretchkitError(said.format(program=argv[0])) from None
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip().splitlines()
        reason = output[-1] if output else done.returncode
        raise StretchkitError(
            _("{program} failed: {reason}").format(program=argv[0], reason=reason)
        )


def user_exists(name: str) -> bool:
    """True when the server has a system user of this name."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def group_exists(name: str) -> bool:
    """True when the server has a group of this name."""
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


def ensure_group(name: str) -> None:
    """Make the group unless it exists."""
    if not group_exists(name):
        _run(["groupadd", "--system", name])


def ensure_user(name: str, *, home: Path | None = None, system: bool = False) -> None:
    """Make the user (home folder owner-only) unless it exists."""
    if user_exists(name):
        return
    argv = ["useradd", "--create-home", "--user-group", "--shell", "/bin/bash"]
    if system:
        argv = ["useradd", "--system", "--create-home", "--user-group"]
        argv += ["--shell", "/usr/sbin/nologin"]
    if home is not None:
        argv += ["--home-dir", str(home)]
    _run([*argv, name])
    home_of(name).chmod(0o700)


def home_of(name: str) -> Path:
    """The user's home folder."""
    return Path(pwd.getpwnam(name).pw_dir)


def group_members(group: str) -> list[str]:
    """The group's members, sorted."""
    try:
        return sorted(grp.getgrnam(group).gr_mem)
    except KeyError:
        return []


def add_to_group(name: str, group: str) -> None:
    """Put the user in the group."""
    if name not in group_members(group):
        _run(["usermod", "--append", "--groups", group, name])


def remove_from_group(name: str, group: str) -> None:
    """Take the user out of the group."""
    if name in group_members(group):
        _run(["gpasswd", "--delete", name, group])


def set_password(name: str, password: str) -> None:
    """Set the user's system password (sent on standard input, never on a command line)."""
    if not password or "\n" in password or ":" in name:
        said = _("the password for {name} must be one non-empty line")
        raise StretchkitError(said.format(name=name))
    _run(["chpasswd"], stdin=f"{name}:{password}\n")


def lock_user(name: str) -> None:
    """Lock the user's password: they can no longer log in."""
    _run(["usermod", "--lock", name])


def give_to(path: Path, name: str) -> None:
    """Make the user the owner of a file or folder they alone may read."""
    entry = pwd.getpwnam(name)
    os.chown(path, entry.pw_uid, entry.pw_gid)
