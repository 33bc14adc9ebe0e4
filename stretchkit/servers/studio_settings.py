"""A studio server's settings: where its store is, the address clients and trainers use, the
TLS certificate, and the ports inside the server; kept in the studio folder's studio.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import URL, make_url

from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.store.database import is_url

__all__ = [
    "DASHBOARD_LOGIN",
    "DASHBOARD_SERVICE",
    "SETTINGS_FILE",
    "StudioSettings",
    "load_settings",
    "save_settings",
]

SETTINGS_FILE = "studio.toml"
DASHBOARD_LOGIN = "stretchkit_dashboard_web"
"""The dashboard service's database login, a member of stretchkit_dashboard."""
DASHBOARD_SERVICE = "dashboard"
"""The hub serves the client dashboard under /services/dashboard/."""
_PORTS = ("port", "hub_port", "proxy_api_port", "dashboard_port")


def _check_port(name: str, value: int) -> None:
    if not 1 <= value <= 65535:
        raise ValidationError(name.replace("_", " "), value, "must be a port from 1 to 65535")


def _check_public_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError(
            "public address",
            value,
            "must be an https:// address (a client's link carries its key: it never travels "
            "over plain HTTP)",
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValidationError("public address", value, "must be a host name and port only")


@dataclass(frozen=True)
class StudioSettings:
    """Everything the studio's jupyterhub_config.py needs, checked when made."""

    folder: Path
    db: str
    public_url: str
    cert: Path | None = None
    key: Path | None = None
    ip: str = ""
    port: int = 443
    hub_port: int = 8081
    proxy_api_port: int = 8001
    dashboard_port: int = 8866
    pool_size: int = 5

    def __post_init__(self) -> None:
        if not is_url(self.db) or make_url(self.db).get_backend_name() != "postgresql":
            raise ValidationError(
                "store",
                self.db,
                "must be the studio's PostgreSQL database (postgresql://OWNER@HOST:PORT/DB): "
                "trainers on one server share it",
            )
        if make_url(self.db).password is not None:
            raise ValidationError(
                "store", "postgresql://…", "must not hold a password: keep it in ~/.pgpass"
            )
        _check_public_url(self.public_url)
        if (self.cert is None) != (self.key is None):
            raise ValidationError(
                "TLS certificate" if self.cert is None else "TLS key",
                "(missing)",
                "give both the certificate and its key, or neither (behind a reverse proxy)",
            )
        for name in _PORTS:
            _check_port(name, getattr(self, name))
        if not 1 <= self.pool_size <= 20:
            raise ValidationError("pool size", self.pool_size, "must be 1 to 20 kernels")

    @property
    def tls(self) -> bool:
        """True when the hub's proxy serves HTTPS itself (else a reverse proxy does)."""
        return self.cert is not None

    @property
    def dashboard_url(self) -> str:
        """The address every client link starts with."""
        return f"{self.public_url.rstrip('/')}/services/{DASHBOARD_SERVICE}/"

    @property
    def trainer_db(self) -> str:
        """The store's URL with no login name: each trainer's workbook connects as its own
        system user, whose name is their database login."""
        given = make_url(self.db)
        url = URL.create(
            given.drivername, None, None, given.host, given.port, given.database, given.query
        )
        return url.render_as_string(hide_password=False)

    @property
    def dashboard_db(self) -> str:
        """The store's URL for the dashboard service's own login."""
        url = make_url(self.db).set(username=DASHBOARD_LOGIN, password=None)
        return url.render_as_string(hide_password=False)


def _toml_value(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def save_settings(settings: StudioSettings) -> Path:
    """Write studio.toml in the studio folder (owner-only)."""
    lines = ["# stretchkit studio server settings (written by `stretchkit studio init`)"]
    for field in fields(settings):
        value = getattr(settings, field.name)
        if field.name != "folder" and value is not None:
            lines.append(f"{field.name} = {_toml_value(value)}")
    target = settings.folder / SETTINGS_FILE
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target.chmod(0o600)
    return target


def load_settings(folder: Path) -> StudioSettings:
    """The settings `stretchkit studio init` wrote in `folder`."""
    source = folder / SETTINGS_FILE
    try:
        raw: dict[str, Any] = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StretchkitError(
            f"{folder} is not a studio folder (no {SETTINGS_FILE}): run `stretchkit studio "
            f"init --dir {folder} ...` first"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise StretchkitError(f"{source}: {e}") from None
    known = {f.name for f in fields(StudioSettings)} - {"folder"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValidationError("studio setting", unknown[0], f"is not a setting of {source}")
    for name in ("db", "public_url"):
        if not isinstance(raw.get(name), str):
            raise ValidationError("studio setting", name, f"is missing from {source}")
    for name in ("cert", "key"):
        if name in raw:
            raw[name] = Path(raw[name])
    return replace(StudioSettings(folder, raw.pop("db"), raw.pop("public_url")), **raw)
