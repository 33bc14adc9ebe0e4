"""The workbook's language picker: each language by its own name; choosing one saves it for
the trainer and shows the whole app in it at once, on the same client and tab; a session
being timed is never cut short by it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.i18n import current_language, set_kernel_language
from stretchkit.services.workbook_language import SETTINGS_ENV, workbook_language
from stretchkit.store import Store
from stretchkit.widgets.workbook.workbook_app import TABS, WorkbookApp

DAY = date(2026, 3, 2)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The trainer's settings file, in a folder of the test's own; English after the test."""
    path = tmp_path / "config" / "settings.toml"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    set_kernel_language("en")
    yield path
    set_kernel_language("en")


def test_the_picker_shows_each_language_by_its_own_name(
    memory_store: Store, settings: Path
) -> None:
    app = WorkbookApp(memory_store, lambda: DAY)
    assert app.language.options == (("English", "en"), ("Español", "es"), ("Deutsch", "de"))
    assert app.language.value == "en" and app.language.description == "Language"
    assert app.tabs.titles == TABS


def test_choosing_a_language_saves_it_and_redraws_the_app_on_the_same_client_and_tab(
    memory_store: Store, settings: Path
) -> None:
    maria = memory_store.clients.add(ClientDetails("Maria Lopez")).id
    app = WorkbookApp(memory_store, lambda: DAY)
    app.current.client_id = maria
    app.show("Progress")
    app.language.value = "es"
    assert current_language() == "es" and workbook_language().language == "es"
    assert settings.read_text(encoding="utf-8") == '[workbook]\nlanguage = "es"\n'
    assert app.tabs.titles == (
        "Clientes",
        "Evaluación",
        "Rutina",
        "Sesión",
        "Progreso",
        "Enlaces",
        "Accesos",
        "Biblioteca",
    )
    assert app.language.description == "Idioma" and app.language.value == "es"
    assert app.current.client_id == maria and app.tabs.selected_index == TABS.index("Progress")
    assert app.progress.picker.value == maria and app.children[-1] is app.tabs
    assert app.title.value == "Progreso - Maria Lopez - stretchkit"
    app.show("Screening")
    assert app.title.value == "Evaluación - Maria Lopez - stretchkit"
    app.language.value = "de"
    assert app.tabs.titles[TABS.index("Screening")] == "Gesundheitscheck"
    assert app.screening.picker.value == maria


@pytest.mark.slow
def test_a_running_session_keeps_the_language_until_it_ends(
    memory_store: Store, settings: Path
) -> None:
    """The picker goes back and says why; nothing is saved and the timer keeps running."""
    seed_demo_data(memory_store, today=DAY)
    clock = [1000.0]
    app = WorkbookApp(memory_store, lambda: DAY, clock=lambda: clock[0], autorun=False)
    client = next(c.id for c in memory_store.clients.all() if c.name == "Kai Elderfield")
    app.current.client_id = client
    app.show("Session")
    timer = app.session.timer
    assert timer is not None
    timer.start()
    app.language.value = "de"
    assert app.language.value == "en" and current_language() == "en"
    assert "Finish or stop the session first" in app.language_notice.value
    assert app.session.timer is timer and timer.runner.state == "running"
    assert not settings.exists()
    timer.stop()
    app.language.value = "de"
    assert current_language() == "de" and app.language_notice.value == ""
