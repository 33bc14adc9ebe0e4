"""The README's first command really starts JupyterLab on the workbook with demo data."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from stretchkit.servers.workbook import prepare_notebook_dir
from stretchkit.store import Store
from tests.pages import open_page
from tests.servers import (
    everything_printed,
    free_port,
    next_line,
    read_demo_links,
    read_for,
    stop,
)

NOISE = re.compile(
    r"DeprecationWarning|not trusted|TCP without encryption|_xsrf|403 POST|AutoDateLocator"
    r"|websocket_ping_timeout|Traceback"
)
"""What a trainer was shown before and never needs to see on the workbook's terminal (see
tests/test_quiet_terminal.py for the filter line by line)."""


def read_url(proc: subprocess.Popen[str], timeout_s: float = 120) -> str:
    """The workbook URL the command prints once the server listens."""
    deadline = time.monotonic() + timeout_s
    awaited = f"the workbook's URL within {timeout_s} s"
    line = ""
    while not line.startswith("http://"):
        line = next_line(proc, deadline, awaited).strip()
    return line


def _manage_a_client(page: Any) -> None:
    """On the app's Clients tab: find Tamsin, edit her notes, then delete her after the
    confirmation that names her; every picker then starts on "Choose a client" again."""
    page.click(".lm-TabBar-tab:has-text('Clients')")
    page.fill(".sk-client-search input", "tamsin")
    tamsin = (
        "[...document.querySelectorAll('.sk-client-list option')]"
        ".findIndex(o => o.textContent.includes('Tamsin'))"
    )
    narrowed = "document.querySelectorAll('.sk-client-list option').length <= 2"
    # Tamsin found, with at most the client chosen before (a chosen client stays listed)
    page.wait_for_function(f"{narrowed} && {tamsin} >= 0", timeout=30_000)
    page.select_option(".sk-client-list select", index=page.evaluate(tamsin))
    page.wait_for_function(
        "document.querySelector('.sk-client-name input').value === 'Tamsin Dunmore'",
        timeout=30_000,
    )
    page.fill(".sk-client-notes textarea", "prefers evenings")
    page.click(".sk-save-client")
    page.wait_for_selector(".sk-client-message:has-text('Saved the details of Tamsin Dunmore')")
    page.click(".sk-delete-client")
    page.wait_for_selector(".sk-confirm-text:has-text('Tamsin Dunmore')")
    asked = page.inner_text(".sk-confirm-text")
    assert "Delete Tamsin Dunmore and everything about them" in asked and "screening" in asked
    page.click(".sk-confirm-delete")
    page.wait_for_selector(".sk-client-message:has-text('Deleted Tamsin Dunmore')")
    names = page.locator(".sk-client-picker select").first.inner_text()
    assert "Tamsin" not in names


@pytest.mark.slow
@pytest.mark.browser
def test_workbook_demo_starts_jupyterlab_and_a_working_demo_link(
    tmp_path: Path, browser: Any
) -> None:
    """`stretchkit workbook --demo` seeds the store, prints a working workbook URL and demo
    clients' dashboard links that open in a browser, and stops on Ctrl+C. After JupyterLab,
    the app and a client's live page were opened and closed, its terminal holds the
    addresses and links, and no deprecation, trust, encryption, XSRF or date-axis note."""
    db = tmp_path / "store.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stretchkit",
            "workbook",
            "--demo",
            "--db",
            str(db),
            "--port",
            str(free_port()),
            "--dashboard-port",  # not 8866: another run's dashboard may be there
            str(free_port()),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # a failure quotes what it said (tests.servers.said)
        text=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")},
    )
    try:
        app = read_url(proc)
        assert "/voila/render/workbook.ipynb?token=" in app
        url = read_url(proc)
        assert "/lab/tree/stretch_library.ipynb?token=" in url
        links = read_demo_links(proc, timeout_s=60, until="(press Ctrl+C")
        base, token = url.split("/lab/")[0], url.split("token=")[1]
        assert app.split("token=")[1] == token
        with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=30) as r:
            names = {item["name"] for item in json.load(r)["content"]}
        assert "stretch_library.ipynb" in names
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200
        lab = browser.new_page(viewport={"width": 1280, "height": 900})
        lab.goto(url, timeout=120_000)
        lab.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=120_000)
        lab.wait_for_selector(".jp-StatusBar-TextItem:has-text('Idle')", timeout=120_000)
        lab.wait_for_timeout(5_000)  # the news question came a moment after the notebook
        assert "Jupyter news" not in lab.inner_text("body")
        lab.close()
        shown = browser.new_page(viewport={"width": 1280, "height": 900})
        shown.goto(app, timeout=120_000)
        shown.wait_for_selector(".sk-workbook-tabs .sk-client-picker select", timeout=120_000)
        assert shown.query_selector(".cm-editor, .jp-InputPrompt") is None  # no code cell
        assert "import" not in shown.inner_text("body")
        picker = shown.locator(".sk-workbook-tabs .sk-client-picker select").first
        assert picker.evaluate("s => s.options[s.selectedIndex].text").split() == [
            "Choose",
            "a",
            "client",
        ]
        shown.click(".sk-attention-open >> nth=0")
        shown.wait_for_selector(".lm-TabBar-tab.lm-mod-current:has-text('Progress')")
        chosen = shown.locator(".sk-progress-summary").first
        chosen.wait_for(timeout=60_000)
        _manage_a_client(shown)
        shown.close()
        assert len(links) == 6
        # the link's first view comes from the server, whether or not the kernels the
        # dashboard prepares ahead are all ready yet (tests.servers.dashboard waits for them)
        page = open_page(browser, links["Jules Calloway"], ".sk-dash-name", 390, 900)
        assert page.inner_text(".sk-dash-name") == "Jules Calloway"
        page.wait_for_selector(".sk-home-start", timeout=120_000)  # the live page, on a kernel
        page.close(run_before_unload=True)
        read_for(proc, 5)  # what closing the pages says
    finally:
        stop(proc)
    assert proc.returncode == 0
    printed = everything_printed(proc)
    assert "The stretchkit workbook is open at:" in printed
    assert not NOISE.search(printed), printed
    with Store.open(db) as store:  # the six demo clients, less Tamsin deleted in the app
        assert sorted(c.name for c in store.clients.all()) == [
            "Jules Calloway",
            "Kai Elderfield",
            "Robin Calloway",
            "Sasha Brightwater",
            "Sasha Elderfield",
        ]
        assert "prefers evenings" not in db.read_bytes().decode("latin-1")


@pytest.mark.slow
def test_a_termination_signal_stops_jupyterlab_too(tmp_path: Path) -> None:
    """SIGTERM to `stretchkit workbook` (as a service manager sends) leaves no server behind,
    neither JupyterLab nor the dashboard."""
    port, dashboard_port = free_port(), free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "stretchkit",
            "workbook",
            "--db",
            str(tmp_path / "store.db"),
            "--port",
            str(port),
            "--dashboard-port",
            str(dashboard_port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")},
    )
    try:
        read_url(proc)
        proc.terminate()
        assert proc.wait(timeout=30) == 0
        for closed in (port, dashboard_port):
            with pytest.raises(OSError):
                socket.create_connection(("127.0.0.1", closed), timeout=2).close()
    finally:
        stop(proc)


def test_a_workbook_folder_made_outside_a_checkout_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed from a wheel, the workbook copies its notebooks into ./stretchkit-workbook:
    the folder is the trainer's alone (saved notebooks hold client data), and a second start
    keeps the trainer's edits."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("stretchkit.servers.workbook.checkout_root", lambda: None)
    folder = prepare_notebook_dir(None)
    assert folder == tmp_path / "stretchkit-workbook"
    assert folder.stat().st_mode & 0o777 == 0o700
    notebook = folder / "session.ipynb"
    notebook.write_text("edited")
    assert prepare_notebook_dir(None) == folder and notebook.read_text() == "edited"
