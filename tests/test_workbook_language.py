"""The workbook's language: the trainer's saved choice, else their browser's, else the
computer's locale; saved owner-only, read back after a restart, and never a crash on a
damaged settings file."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import current_language, set_kernel_language
from stretchkit.servers.workbook import LAB_CONFIG
from stretchkit.services.workbook_language import (
    BROWSER_LANGUAGE_ENV,
    SETTINGS_ENV,
    LanguageSetting,
    language_options,
    save_workbook_language,
    session_blocks_language_change,
    settings_path,
    start_workbook_language,
    workbook_language,
)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """Each test leaves the kernel's language English, as it found it."""
    yield
    set_kernel_language("en")


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., dict[str, str]]:
    """A trainer's environment with their settings file in `tmp_path`, made with the
    computer's locale (LANG, set for this test alone) and other variables given."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)

    def env(lang: str = "en_GB.UTF-8", **more: str) -> dict[str, str]:
        monkeypatch.setenv("LANG", lang)
        return {SETTINGS_ENV: str(tmp_path / "settings.toml"), **more}

    return env


def test_with_nothing_saved_the_workbook_speaks_the_computers_language(
    settings: Callable[..., dict[str, str]],
) -> None:
    assert workbook_language(settings("de_DE.UTF-8")) == LanguageSetting("de", "system")
    assert workbook_language(settings("fr_FR.UTF-8")) == LanguageSetting("en", "system")


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", LanguageSetting("es", "browser")),
        ("en-US,en;q=0.9", LanguageSetting("en", "browser")),
        ("fr-FR,de;q=0.5", LanguageSetting("de", "browser")),
        ("fr-FR,fr;q=0.9", LanguageSetting("es", "system")),
        ("", LanguageSetting("es", "system")),
    ],
)
def test_the_browsers_language_comes_before_the_computers(
    settings: Callable[..., dict[str, str]], header: str, shown: LanguageSetting
) -> None:
    """A browser asking only for languages stretchkit does not speak leaves it to the locale."""
    env = settings("es_ES.UTF-8", **{BROWSER_LANGUAGE_ENV: header})
    assert workbook_language(env) == shown


def test_a_saved_choice_wins_and_survives_a_restart(
    settings: Callable[..., dict[str, str]],
) -> None:
    """Saved once, it is what the next kernel starts in, whatever the browser or locale say."""
    env = settings("de_DE.UTF-8", **{BROWSER_LANGUAGE_ENV: "de-DE"})
    assert save_workbook_language("es", env) == "es" and current_language() == "es"
    set_kernel_language("en")  # a new kernel
    assert workbook_language(env) == LanguageSetting("es", "saved")
    assert start_workbook_language(env) == "es" and current_language() == "es"


def test_the_settings_file_is_the_trainers_alone(tmp_path: Path) -> None:
    env = {SETTINGS_ENV: "", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    path = settings_path(env)
    assert path == tmp_path / "config" / "stretchkit" / "settings.toml"
    save_workbook_language("de", env)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_text(encoding="utf-8") == '[workbook]\nlanguage = "de"\n'
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


@pytest.mark.parametrize(
    "text", ["[workbook]\nlanguage = 'fr'\n", "not toml at all [", "workbook = 3\n", "\xff"]
)
def test_a_damaged_or_foreign_setting_falls_back_to_the_default(
    settings: Callable[..., dict[str, str]], text: str
) -> None:
    env = settings("de_DE.UTF-8")
    Path(env[SETTINGS_ENV]).write_text(text, encoding="utf-8")
    assert workbook_language(env) == LanguageSetting("de", "system")


def test_a_language_stretchkit_does_not_speak_is_refused_by_name(
    settings: Callable[..., dict[str, str]],
) -> None:
    with pytest.raises(ValidationError, match=r"language: choose one of en, es, de; you gave .fr."):
        save_workbook_language("fr", settings())
    assert not Path(settings()[SETTINGS_ENV]).exists()


def test_a_folder_that_cannot_be_written_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    env = {SETTINGS_ENV: str(blocker / "settings.toml")}
    with pytest.raises(StretchkitError, match=r"The language could not be saved in .*a-file"):
        save_workbook_language("es", env)
    assert current_language() == "en"


def test_the_picker_names_each_language_in_itself() -> None:
    assert language_options() == (("English", "en"), ("Español", "es"), ("Deutsch", "de"))


@pytest.mark.parametrize(
    ("state", "blocked"),
    [(None, False), ("ready", False), ("running", True), ("paused", True), ("ended", False)],
)
def test_a_session_being_timed_is_never_cut_short_by_a_language_change(
    state: str | None, blocked: bool
) -> None:
    assert (session_blocks_language_change(state) is not None) == blocked


def test_the_workbooks_voila_hands_the_browsers_language_to_the_apps_kernel() -> None:
    """Voila passes a header listed in http_header_envs to the kernel as HTTP_<NAME>; the
    workbook's Jupyter config folder (also the studio's) lists Accept-Language."""
    config = json.loads((LAB_CONFIG / "voila.json").read_text(encoding="utf-8"))
    assert config["VoilaConfiguration"]["http_header_envs"] == ["Accept-Language"]
    assert BROWSER_LANGUAGE_ENV == "HTTP_ACCEPT_LANGUAGE"
