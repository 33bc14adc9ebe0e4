"""The benchmark scripts still run and print their figures (no timing is asserted here)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_the_timer_benchmark_prints_both_timers_figures() -> None:
    """A one-hold run of the timer benchmark reports both timers, idle and busy."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/timer_accuracy.py"),
            "--holds",
            "1",
            "--hold-s",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum("stretchkit timer" in line and "mean" in line for line in lines) == 2
    assert sum("sleep(1) per second" in line for line in lines) == 2
    assert "holds saved to the store by the stretchkit timer: 2" in lines


@pytest.mark.slow
def test_the_progress_benchmark_prints_ours_against_the_baseline() -> None:
    """A small studio run prints each figure for stretchkit and for the pandas baseline."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/progress_speed.py"),
            "--clients",
            "6",
            "--years",
            "0.3",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "studio: 6 clients" in out
    for figure in (
        "weekly aggregation",
        "hold chart as PNG",
        "hold chart kept by the store",
        "hold chart drawn again",
        "attention list, 6 clients",
    ):
        line = next(line for line in out.splitlines() if figure in line)
        assert "stretchkit" in line and "baseline" in line and "x" in line


@pytest.mark.slow
@pytest.mark.browser
def test_the_dashboard_load_benchmark_prints_every_figure_and_never_a_whole_key() -> None:
    """One load each and a burst of two print every figure of the summary, and no whole
    client key; the cull's two minutes are not waited for (its settings have their tests)."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/dashboard_load.py"),
            *("--loads", "1", "--gap", "1", "--pool-size", "1", "--crowds", "2"),
            *("--ready-timeout", "60", "--after-close", "0"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    summary = lines[lines.index("== summary ==") + 1 :]
    for start in (
        "machine: ",
        "dashboard, first chart visible: median",
        "plain Voila baseline, chart visible: median",
        "dashboard median / baseline median: ",
        "static page with the same PNG (plain HTTP server): median",
        "dashboard median / static page median: ",
        "first view from the key check, one client at a time (chart's bytes): worst",
        "kernel CPU-seconds per live page: ",
        "burst of 2 clients at once, browsers on the server's cores: worst",
        "burst of 2 clients at once, the server alone (chart's bytes arrived): worst",
        "memory per idle kernel: median",
        "peak memory, burst of 2 with browsers: ",
        "peak memory, burst of 2 server alone: ",
        "kernels left after the last page closed: not measured",
    ):
        assert any(line.startswith(start) for line in summary), start
    assert "live page drawn at" in result.stdout and "chart's bytes arrived at" in result.stdout
    assert sum(line.startswith("  load 1 (") for line in lines) == 3
    assert not re.search(r"key=[^\s…&]{5}", result.stdout)


@pytest.mark.slow
def test_the_store_load_benchmark_prints_both_engines() -> None:
    """A small run: trainers logging holds at once and the attention list, on SQLite and on
    PostgreSQL, every hold saved and no error."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/store_load.py"),
            *("--trainers", "3", "--holds", "5", "--clients", "8", "--years", "0.2"),
            *("--repeat", "1"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for engine in ("SQLite", "PostgreSQL"):
        assert re.search(
            rf"^{engine} +3 trainers x 5 holds at once: p50 .* holds in the "
            r"store 15/15; errors 0$",
            out,
            re.MULTILINE,
        ), out
    assert "attention list, 8 clients: SQLite" in out
    assert "store copy into PostgreSQL" in out


@pytest.mark.slow
def test_the_access_log_size_script_prints_one_entry_per_session() -> None:
    """A small run prints the entries per session (one, whatever its holds), per visit, the
    bytes per entry and a studio's year."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/access_log_size.py"),
            "--entries",
            "50",
            "--clients",
            "10",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"entries per session logged: 1 \(the session logged \d+ holds\)", lines[0])
    assert re.fullmatch(r"bytes per entry on SQLite .*: \d+", lines[3])
    assert "a 10-client studio's year" in lines[4]


def test_the_client_copy_benchmark_prints_its_time_and_peak_memory() -> None:
    """A short history's copy reports its rows, time and peak memory."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests/benchmarks/client_copy.py"), "--years", "0.3"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "copy: " in out and " sessions with " in out and "ZIP: 7 files" in out
    assert re.search(r"time: [0-9.]+ s", out) and re.search(r"peak memory .*: [0-9.]+ MiB", out)
