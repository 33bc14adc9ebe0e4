"""The studio server's settings and its jupyterhub_config.py, checked without starting it:
the file JupyterHub loads says what the studio promises, and bad settings are refused by name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from traitlets.config import Config

from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.servers.studio_config import render_config
from stretchkit.servers.studio_dashboard import service_plan
from stretchkit.servers.studio_hub import StudioLog
from stretchkit.servers.studio_settings import StudioSettings, load_settings, save_settings
from stretchkit.servers.studio_setup import init_studio
from stretchkit.servers.studio_workbook import singleuser_argv

OWNER_URL = "postgresql://stretchkit_owner@db.example.org:5432/stretchkit"


def _settings(folder: Path, **changes: object) -> StudioSettings:
    values: dict[str, object] = {
        "cert": folder / "cert.pem",
        "key": folder / "key.pem",
        "ip": "",
        "port": 443,
    }
    values.update(changes)
    return StudioSettings(folder, OWNER_URL, "https://studio.example.org", **values)  # type: ignore[arg-type]


def _loaded(settings: StudioSettings) -> Config:
    """The configuration JupyterHub gets from the written file."""
    (settings.folder / "admin-token").write_text("token-for-tests\n")
    config = Config()
    exec(render_config(settings), {"get_config": lambda: config})
    return config


def test_the_hub_serves_https_with_the_studios_certificate_and_keeps_its_records_in_the_folder(
    tmp_path: Path,
) -> None:
    """Bound to the public port over HTTPS with the given certificate and key; the hub's API,
    proxy API and database stay inside the server and the studio folder."""
    c = _loaded(_settings(tmp_path))
    assert c.JupyterHub.bind_url == "https://:443"
    assert (c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key) == (
        str(tmp_path / "cert.pem"),
        str(tmp_path / "key.pem"),
    )
    assert c.JupyterHub.hub_bind_url == "http://127.0.0.1:8081"
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:8001"
    assert c.JupyterHub.db_url == f"sqlite:///{tmp_path / 'jupyterhub.sqlite'}"
    assert c.JupyterHub.cookie_secret_file == str(tmp_path / "jupyterhub_cookie_secret")
    assert c.JupyterHub.cleanup_servers is True


def test_trainers_log_in_with_pam_and_only_the_trainers_group_is_let_in(tmp_path: Path) -> None:
    """The system's own users through PAM, limited to the trainers' group; admins by group."""
    c = _loaded(_settings(tmp_path))
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.PAMAuthenticator.allowed_groups == {"stretchkit-trainers"}
    assert c.PAMAuthenticator.admin_groups == {"stretchkit-admins"}
    assert "Clients never sign in here" in c.JupyterHub.template_vars["announcement_login"]


def test_each_workbook_runs_as_its_trainer_on_the_store_with_no_login_name_in_the_url(
    tmp_path: Path,
) -> None:
    """Local processes as each trainer's system user; the store's URL names no user (the
    system user's name is the database login) and links use the public address."""
    c = _loaded(_settings(tmp_path))
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Spawner.cmd == [sys.executable, "-m", "stretchkit.servers.studio_workbook"]
    assert c.Spawner.environment == {
        "STRETCHKIT_DB": "postgresql://db.example.org:5432/stretchkit",
        "STRETCHKIT_DASHBOARD_URL": "https://studio.example.org/services/dashboard/",
    }


def test_the_dashboard_is_a_hub_managed_service_with_its_own_user_and_login(
    tmp_path: Path,
) -> None:
    """Started and proxied by the hub under /services/dashboard/, as its own system user,
    with the dashboard's database login; the admin service holds the token file's token
    with the rights to manage users and servers only."""
    c = _loaded(_settings(tmp_path))
    dashboard, admin = c.JupyterHub.services
    assert dashboard["name"] == "dashboard"
    assert dashboard["url"] == "http://127.0.0.1:8866"
    assert dashboard["command"] == [sys.executable, "-m", "stretchkit.servers.studio_dashboard"]
    assert dashboard["user"] == "stretchkit-dashboard"
    assert dashboard["environment"]["STRETCHKIT_DB"] == (
        "postgresql://stretchkit_dashboard_web@db.example.org:5432/stretchkit"
    )
    assert "api_token" not in dashboard
    assert admin == {"name": "stretchkit-admin", "api_token": "token-for-tests"}
    (role,) = c.JupyterHub.load_roles
    assert role["scopes"] == ["admin:users", "admin:servers"]


def test_without_a_certificate_the_hub_listens_on_plain_http_for_a_reverse_proxy(
    tmp_path: Path,
) -> None:
    """No certificate: plain HTTP on the address given (127.0.0.1 behind a reverse proxy)."""
    c = _loaded(_settings(tmp_path, cert=None, key=None, ip="127.0.0.1", port=8000))
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert "ssl_cert" not in c.JupyterHub


@pytest.mark.parametrize(
    ("changes", "field", "shown"),
    [
        ({"public_url": "http://studio.example.org"}, "public address", "http://studio"),
        ({"public_url": "https://studio.example.org/x"}, "public address", "/x"),
        ({"db": "data/stretchkit.db"}, "store", "data/stretchkit.db"),
        ({"db": "postgresql://o:secret@h/db"}, "store", "postgresql://…"),
        ({"key": None}, "TLS key", "(missing)"),
        ({"port": 70000}, "port", "70000"),
        ({"pool_size": 0}, "pool size", "0"),
    ],
)
def test_a_bad_setting_is_refused_naming_the_setting_and_the_value(
    tmp_path: Path, changes: dict[str, object], field: str, shown: str
) -> None:
    """Each wrong setting is named with what was given (a password is never repeated)."""
    values: dict[str, object] = {
        "db": OWNER_URL,
        "public_url": "https://studio.example.org",
        "cert": tmp_path / "c",
        "key": tmp_path / "k",
    }
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        StudioSettings(tmp_path, **values)  # type: ignore[arg-type]
    assert error.value.field == field
    assert shown in str(error.value)
    assert "secret" not in str(error.value)


def test_settings_written_to_the_studio_folder_read_back_the_same_and_owner_only(
    tmp_path: Path,
) -> None:
    """studio.toml holds every setting, is readable by root alone, and reads back equal."""
    settings = _settings(tmp_path, port=8443, pool_size=3)
    written = save_settings(settings)
    assert written.stat().st_mode & 0o777 == 0o600
    assert load_settings(tmp_path) == settings


def test_a_folder_without_settings_or_with_an_unknown_one_is_refused_with_what_to_do(
    tmp_path: Path,
) -> None:
    """No studio.toml says to run init; an unknown setting is named."""
    with pytest.raises(StretchkitError, match="run `stretchkit studio init"):
        load_settings(tmp_path)
    save_settings(_settings(tmp_path))
    with (tmp_path / "studio.toml").open("a") as out:
        out.write('colour = "blue"\n')
    with pytest.raises(ValidationError, match="colour"):
        load_settings(tmp_path)


def test_the_hubs_log_drops_routine_requests_and_never_shows_a_key() -> None:
    """Requests that went well are dropped; a key in any line becomes 'key=…'; warnings stay."""
    log = StudioLog()
    assert log("[I 2026-12-02 05:15:22 JupyterHub log:192] 200 GET /hub/api/users (@1) 3ms") is None
    shown = log("[W 2026-12-02 Voila] 404 GET /services/dashboard/?key=Abc-123_x (@1)")
    assert shown is not None and "Abc-123_x" not in shown and "key=…" in shown
    assert (
        log("[E 2026-12-02 JupyterHub] Unhandled error")
        == "[E 2026-12-02 JupyterHub] Unhandled error"
    )


def test_the_dashboard_service_runs_voila_under_the_prefix_and_address_the_hub_gave() -> None:
    """Voila listens on the service's own address, serves under its prefix, and its preheated
    kernels ask for their request there (Voila issue 1140); links use the public address."""
    plan = service_plan(
        {
            "JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:8866",
            "JUPYTERHUB_SERVICE_PREFIX": "/services/dashboard/",
            "STRETCHKIT_DB": "postgresql://stretchkit_dashboard_web@h/db",
            "STRETCHKIT_DASHBOARD_URL": "https://studio.example.org/services/dashboard/",
            "STRETCHKIT_DASHBOARD_POOL": "3",
        }
    )
    argv = list(plan.server.argv)
    assert "--Voila.base_url=/services/dashboard/" in argv
    assert "--port=8866" in argv and "--Voila.ip=127.0.0.1" in argv and "--pool_size=3" in argv
    assert plan.server.env["VOILA_WS_BASE_URL"] == "/services/dashboard/"
    assert plan.server.env["VOILA_APP_IP"] == "127.0.0.1"
    assert plan.url == "https://studio.example.org/services/dashboard/"


def test_the_dashboard_service_started_outside_the_hub_says_what_is_missing() -> None:
    """Without the hub's variables the service stops with a message naming one."""
    with pytest.raises(StretchkitError, match="JUPYTERHUB_SERVICE_URL"):
        service_plan({})


def test_a_trainers_workbook_is_jupyterhubs_single_user_server_on_their_folder(
    tmp_path: Path,
) -> None:
    """The hub's single-user JupyterLab on the trainer's workbook folder, with what the hub
    passed after it."""
    argv = singleuser_argv(tmp_path, ["--debug"])
    assert argv[1:3] == ["-m", "jupyterhub.singleuser"]
    assert f"--ServerApp.root_dir={tmp_path}" in argv and argv[-1] == "--debug"


def test_studio_commands_on_a_folder_that_was_never_set_up_say_so(tmp_path: Path) -> None:
    """start and add-trainer on an empty folder stop with one line, no traceback."""
    for action in (["start"], ["add-trainer", "alice"]):
        done = subprocess.run(
            [sys.executable, "-m", "stretchkit", "studio", *action, "--dir", str(tmp_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode != 0
        assert "is not a studio folder" in done.stderr and "Traceback" not in done.stderr


def test_init_refuses_a_studio_folder_the_dashboards_user_could_not_reach(tmp_path: Path) -> None:
    """A folder inside one that other users may not enter is refused, naming that folder,
    before anything is made."""
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    settings = _settings(closed / "studio")
    with pytest.raises(StretchkitError, match=f"is inside {closed}, which other users may not"):
        init_studio(settings)
    assert not (closed / "studio").exists()
