"""The studio server with its real parts: JupyterHub and its proxy (configurable-http-proxy)
serving HTTPS, trainers who are system users logging in with PAM in Chromium, each with their
own JupyterLab and database login, and the client dashboard as the hub's service."""

from __future__ import annotations

import pwd
import re
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ARTIFACTS, ROOT
from tests.postgres import PostgresCluster
from tests.studio import BOBS_CLIENTS, Studio, key_masked, refresh_studio_python

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LAB_MS = 240_000
"""A trainer's first login starts their JupyterLab: slow on a busy two-core machine."""
RUN_MS = 120_000
PICKER_JS = """() => {
  const text = (o) => o.textContent.replace(/\\s/g, ' ');
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const picker = [...(panel ? panel.querySelectorAll('select') : [])]
    .find((s) => [...s.options].some((o) => text(o).startsWith('Choose a client')));
  return picker ? [...picker.options].map(text) : null;
}"""


@pytest.fixture(scope="module")
def studio(postgres: PostgresCluster) -> Iterator[Studio]:
    """One studio for the module: set up by the admin's commands, clients seeded, started."""
    refresh_studio_python()
    folder = Path(tempfile.mkdtemp(prefix="stretchkit-studio-"))
    folder.chmod(0o711)  # as /srv is: the dashboard's user passes through to its home
    made = Studio(postgres, folder)
    try:
        made.set_up()
        made.seed()
        made.start()
        yield made
    finally:
        made.tear_down()


def _page(browser: Browser, width: int = 1280) -> Page:
    """A fresh context (no cookies) that accepts the studio's throwaway certificate."""
    context = browser.new_context(
        ignore_https_errors=True, viewport={"width": width, "height": 900}
    )
    return context.new_page()


def _log_in(page: Page, studio: Studio, name: str, password: str) -> None:
    page.goto(f"{studio.public_url}/hub/login", timeout=LAB_MS)
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")


def _run_all(page: Page, studio: Studio, trainer: str, notebook: str) -> list[str]:
    """Open a workbook notebook in the trainer's JupyterLab, Run All Cells, and return the
    client picker's choices once it shows."""
    lab = f"{studio.public_url}/user/{trainer}/lab"
    page.goto(f"{lab}/tree/{notebook}?reset", timeout=LAB_MS)  # that notebook alone
    page.wait_for_function(f"document.title.startsWith('{notebook[:8]}')", timeout=LAB_MS)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=LAB_MS)
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Idle')", timeout=LAB_MS)
    for attempt in range(3):  # a Run All sent while the kernel still connects runs nothing
        page.click(".lm-MenuBar-item:has-text('Run')", timeout=RUN_MS)
        page.click(".lm-Menu-item:has-text('Run All Cells')", timeout=RUN_MS)
        try:
            page.wait_for_function(PICKER_JS, timeout=RUN_MS // 2)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"studio-failed-{notebook}.png"))
                raise
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()
    options: list[str] = page.evaluate(PICKER_JS)
    return options


def test_each_trainer_logs_in_and_their_notebooks_show_only_their_own_clients(
    studio: Studio, browser: Browser
) -> None:
    """Both trainers log in with their system password; the screening and progress notebooks,
    run in each one's JupyterLab, list that trainer's clients and none of the other's."""
    alice, bob = list(studio.trainers)[:2]
    expected = {alice: studio.clients_of(alice), bob: studio.clients_of(bob)}
    assert sorted(expected[bob]) == sorted(BOBS_CLIENTS)
    for trainer, other in ((alice, bob), (bob, alice)):
        page = _page(browser)
        _log_in(page, studio, trainer, studio.trainers[trainer])
        page.wait_for_url(f"**/user/{trainer}/voila/render/workbook.ipynb**", timeout=LAB_MS)
        page.wait_for_selector(".sk-workbook-tabs .sk-client-picker select", timeout=LAB_MS)
        for notebook in ("screening.ipynb", "progress.ipynb"):
            shown = _run_all(page, studio, trainer, notebook)
            assert set(expected[trainer]) <= set(shown), (trainer, notebook, shown)
            assert not set(expected[other]) & set(shown), (trainer, notebook, shown)
            ARTIFACTS.mkdir(exist_ok=True)
            shot = f"studio-lab-{notebook.removesuffix('.ipynb')}-{trainer.rsplit('-')[-1]}.png"
            page.screenshot(path=str(ARTIFACTS / shot))
        page.context.close()


def test_a_wrong_password_or_a_user_who_is_no_trainer_gets_no_workbook(
    studio: Studio, browser: Browser
) -> None:
    """PAM refuses a wrong password, and a system user outside the trainers' group is refused
    even with the right one: the login page stays, no JupyterLab starts."""
    alice = next(iter(studio.trainers))
    outsider = alice.replace("alice", "outsider")
    subprocess.run(["useradd", "--create-home", outsider], check=True)
    studio.made_users.append(outsider)
    subprocess.run(["chpasswd"], input=f"{outsider}:Outsider-pw-1\n", text=True, check=True)
    for name, password in ((alice, "not-" + studio.trainers[alice]), (outsider, "Outsider-pw-1")):
        page = _page(browser)
        _log_in(page, studio, name, password)
        page.wait_for_selector("#login_submit", timeout=RUN_MS)
        assert "/hub/login" in page.url
        assert "Invalid username or password" in page.inner_text("body")
        assert "Clients never sign in here" in page.inner_text("body")
        page.context.close()


def test_a_clients_link_through_the_hubs_https_port_opens_their_page_with_no_login(
    studio: Studio, browser: Browser
) -> None:
    """The personal link, made for the studio's public address, opens the client's own page
    (live page included) on a 360 px phone, with no hub login on the way."""
    ((name, link),) = studio.links.items()
    assert link.startswith(f"{studio.public_url}/services/dashboard/?key=")
    page = _page(browser, width=360)
    page.goto(link, timeout=LAB_MS)
    page.wait_for_selector("#loading", state="detached", timeout=LAB_MS)
    page.wait_for_selector(".sk-home-start", timeout=LAB_MS)
    assert "/hub/login" not in page.url
    body = page.inner_text("body")
    assert name in body
    others = set(studio.clients_of(next(iter(studio.trainers)))) - {name}
    assert not any(other in body for other in others)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "studio-client-phone.png"))
    page.context.close()


def test_a_link_made_in_a_trainers_workbook_starts_with_the_studios_address_and_opens(
    studio: Studio, browser: Browser
) -> None:
    """In the client_links notebook a trainer makes a link: it starts with the studio's
    public address, and it opens that client's page through the hub."""
    alice = next(iter(studio.trainers))
    page = _page(browser)
    _log_in(page, studio, alice, studio.trainers[alice])
    page.wait_for_url(f"**/user/{alice}/voila/render/workbook.ipynb**", timeout=LAB_MS)
    shown = _run_all(page, studio, alice, "client_links.ipynb")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea")
    panel.locator("select").first.select_option(label=shown[1])
    panel.locator(".sk-link-create").click()
    made = panel.locator(".sk-link-new input")
    page.wait_for_function(
        "(el) => el.value.includes('key=')", arg=made.element_handle(), timeout=RUN_MS
    )
    link = made.input_value()
    assert link.startswith(f"{studio.public_url}/services/dashboard/?key=")
    page.context.close()
    client = _page(browser, width=360)
    client.goto(link, timeout=LAB_MS)
    client.wait_for_selector("#loading", state="detached", timeout=LAB_MS)
    assert client.locator(".sk-dash-name:visible").first.inner_text() == shown[1]
    client.context.close()


def _get(url: str, cookie: str = "") -> tuple[int, str, str]:
    """Status, redirect target and body of one GET (redirects not followed)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, "", response.read().decode(errors="replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read().decode(errors="replace")


def test_a_wrong_key_another_service_or_the_hubs_api_reveals_nothing(
    studio: Studio, browser: Browser
) -> None:
    """With the cookies a client's page left, a wrong key shows the invalid-link page, and the
    hub's API, a trainer's server, the admin service and the dashboard's files and kernels
    answer with a refusal or the login page, never data."""
    ((_, link),) = studio.links.items()
    page = _page(browser, width=360)
    page.goto(link.split("?key=")[0] + "?key=wrong-key", timeout=LAB_MS)
    page.wait_for_selector("#loading", state="detached", timeout=LAB_MS)
    assert "This link is not valid" in page.inner_text(".sk-not-valid")
    page.goto(link, timeout=LAB_MS)
    page.wait_for_selector("#loading", state="detached", timeout=LAB_MS)
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    page.context.close()
    alice = next(iter(studio.trainers))
    base = studio.public_url
    assert _get(f"{base}/hub/api/users", cookies)[0] == 403
    assert _get(f"{base}/hub/api/users/{alice}", cookies)[0] == 403
    for path in (
        f"/user/{alice}/lab",
        f"/user/{alice}/api/contents",
        "/services/stretchkit-admin/",
    ):
        status, landed = _followed(base + path, cookies)
        assert landed.startswith(f"{base}/hub/login") or status in (403, 404), (path, landed)
    for path in ("voila/files/dashboard.ipynb", "api/kernels", "api/sessions", "voila/tree"):
        status, landed = _followed(f"{base}/services/dashboard/{path}", cookies)
        assert status in (403, 404), (path, status, landed)


def _followed(url: str, cookie: str) -> tuple[int, str]:
    """Follow up to five redirects: the last status and address."""
    for _ in range(5):
        status, target, _ = _get(url, cookie)
        if not target:
            return status, url
        url = urllib.parse.urljoin(url, target)
    return status, url


def test_a_removed_trainer_can_no_longer_log_in_and_one_with_clients_is_kept(
    studio: Studio, browser: Browser
) -> None:
    """remove-trainer refuses a trainer who still has clients, naming how many; a trainer
    with none loses the hub login and their database login at once."""
    alice = next(iter(studio.trainers))
    refused = studio.stretchkit("studio", "remove-trainer", alice, "--dir", str(studio.studio_dir))
    assert refused.returncode != 0
    assert f"{alice} still has 3 clients" in refused.stderr
    carol = alice.replace("alice", "carol")
    studio.add_trainer(carol)
    removed = studio.stretchkit("studio", "remove-trainer", carol, "--dir", str(studio.studio_dir))
    assert removed.returncode == 0, removed.stderr
    assert "can no longer log in" in removed.stdout
    page = _page(browser)
    _log_in(page, studio, carol, studio.trainers[carol])
    page.wait_for_selector("#login_submit", timeout=RUN_MS)
    assert "/hub/login" in page.url
    page.context.close()
    with studio.owner_store(alice) as store, store.db.read() as conn:
        assert (
            conn.exec_driver_sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{carol}'").first()
            is None
        )


def test_the_studios_secrets_are_readable_by_their_owner_only(studio: Studio) -> None:
    """The hub's configuration, settings, token, records and cookie secret are root's alone;
    each password file belongs to its user alone (the dashboard's, each trainer's)."""
    folder = studio.studio_dir
    for name in ("jupyterhub_config.py", "studio.toml", "admin-token", "jupyterhub.sqlite",
                 "jupyterhub_cookie_secret"):  # fmt: skip
        info = (folder / name).stat()
        assert (info.st_mode & 0o777, info.st_uid) == (0o600, 0), name
    dashboard = folder / "dashboard" / ".pgpass"
    assert dashboard.stat().st_mode & 0o777 == 0o600
    assert pwd.getpwuid(dashboard.stat().st_uid).pw_name == "stretchkit-dashboard"
    for trainer in studio.trainers:
        pgpass = Path(pwd.getpwnam(trainer).pw_dir) / ".pgpass"
        assert pgpass.stat().st_mode & 0o777 == 0o600
        assert pwd.getpwuid(pgpass.stat().st_uid).pw_name == trainer


def test_the_hubs_log_shows_no_link_key_and_no_password(studio: Studio) -> None:
    """Every line the studio printed so far (hub, proxy, dashboard) is free of the link's
    key and of every password."""
    text = studio.log.read_text(errors="replace")
    ((_, link),) = studio.links.items()
    key = link.split("key=")[1]
    assert key not in text, key_masked(text[-2000:])
    for secret in [*studio.trainers.values(), studio.owner_password]:
        assert secret not in text


def test_the_studio_load_benchmark_prints_the_hubs_cost_and_clients_at_once(studio: Studio) -> None:
    """A small run of tests/benchmarks/studio_load.py on this studio prints the direct and
    through-the-hub figures, their ratio and the crowd's, and revokes the links it made."""
    with studio.owner_store(next(iter(studio.trainers))) as store:
        working_before = sum(link.revoked is None for link in store.links.all())
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/benchmarks/studio_load.py"), "--studio",
         str(studio.studio_dir), "--public", studio.public_url, "--clients", "2", "--loads", "1"],
        capture_output=True, text=True, env=studio.env, check=False, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, key_masked(done.stdout[-3000:] + done.stderr[-3000:])
    out = done.stdout
    assert re.search(r"the hub's cost, first chart \(through the hub / direct\): \d+\.\d\dx", out)
    assert re.search(r"2 at once, server side \(chart's bytes\), through the hub: worst \d", out)
    assert re.search(r"2 at once in Chromium, through the hub: worst \d", out)
    with studio.owner_store(next(iter(studio.trainers))) as store:
        assert sum(link.revoked is None for link in store.links.all()) == working_before


def test_stopping_the_studio_stops_the_hub_the_workbooks_and_the_dashboard_with_no_kernel_left(
    studio: Studio,
) -> None:
    """Ctrl+C to `stretchkit studio start` ends it within a minute with exit code 0, and no
    process of the trainers, the dashboard or the proxy is left (kernels included)."""
    assert studio.processes_left(), "the studio should be running before it is stopped"
    code, seconds = studio.stop()
    assert code == 0, studio.log.read_text()[-2000:]
    assert seconds < 60
    time.sleep(1)
    assert studio.processes_left() == []
    probe = subprocess.run(
        ["pgrep", "-f", f"configurable-http-proxy.*{studio.port}"], capture_output=True
    )
    assert probe.returncode == 1
