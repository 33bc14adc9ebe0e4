"""The language the trainer's workbook is shown in: the trainer's own choice, saved in their
settings file; else the language their browser asks for (the workbook app, rendered by
Voila, hands the browser's Accept-Language to its kernel); else the computer's locale.

The choice is the trainer's, not a client's: it lives in a small settings file in the
trainer's own configuration folder (readable by them alone), so it survives a restart on a
laptop and, on the studio server, where each trainer is a system user of their own, every
trainer keeps their own. The store is left alone: it holds clients' records, and a language
setting there would need a new table and a migration on every studio's database."""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from stretchkit.errors import StretchkitError, ValidationError
from stretchkit.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    _,
    set_kernel_language,
)
from stretchkit.i18n.negotiation import preferred_language, system_language

__all__ = [
    "BROWSER_LANGUAGE_ENV",
    "SETTINGS_ENV",
    "SETTINGS_MODE",
    "LanguageSetting",
    "language_options",
    "save_workbook_language",
    "session_blocks_language_change",
    "settings_path",
    "start_workbook_language",
    "workbook_language",
]

SETTINGS_ENV = "STRETCHKIT_SETTINGS"
"""The trainer's settings file, when not in the usual place (tests point it elsewhere)."""
BROWSER_LANGUAGE_ENV = "HTTP_ACCEPT_LANGUAGE"
"""The browser's Accept-Language as Voila hands it to the app's kernel (see
stretchkit/servers/lab_config/voila.json)."""
SETTINGS_MODE = 0o600
"""The settings file is the trainer's alone."""

Source = Literal["saved", "browser", "system"]


@dataclass(frozen=True)
class LanguageSetting:
    """The workbook's language and where it came from: the trainer's saved choice, their
    browser's language or the computer's locale."""

    language: str
    source: Source


def settings_path(environ: Mapping[str, str] = os.environ) -> Path:
    """$STRETCHKIT_SETTINGS, else settings.toml in stretchkit's folder of the user's
    configuration ($XDG_CONFIG_HOME, else ~/.config)."""
    configured = environ.get(SETTINGS_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    base = environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(base) / "stretchkit" / "settings.toml"


def _saved_language(path: Path) -> str | None:
    """The language saved in the settings file; None when there is none (no file, a damaged
    file, or a language stretchkit does not speak: the workbook must start all the same)."""
    try:
        saved = tomllib.loads(path.read_text(encoding="utf-8")).get("workbook", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    language = saved.get("language") if isinstance(saved, dict) else None
    return language if language in LANGUAGES else None


def _browser_language(header: str) -> str | None:
    """The first language the browser asks for that stretchkit speaks; None when it asks
    for none of them (then the computer's locale decides, not English by default)."""
    language = preferred_language(header)
    asked = {part.split(";")[0].strip().split("-")[0].lower() for part in header.split(",")}
    return language if language != DEFAULT_LANGUAGE or DEFAULT_LANGUAGE in asked else None


def workbook_language(environ: Mapping[str, str] = os.environ) -> LanguageSetting:
    """The language to show the workbook in: saved, else the browser's, else the system's."""
    saved = _saved_language(settings_path(environ))
    if saved is not None:
        return LanguageSetting(saved, "saved")
    browser = _browser_language(environ.get(BROWSER_LANGUAGE_ENV, ""))
    if browser is not None:
        return LanguageSetting(browser, "browser")
    return LanguageSetting(system_language(), "system")


def start_workbook_language(environ: Mapping[str, str] = os.environ) -> str:
    """Set the workbook kernel's language from the setting (call once, before the app)."""
    return set_kernel_language(workbook_language(environ).language)


def language_options() -> tuple[tuple[str, str], ...]:
    """The picker's options: each language by its own name, and its code."""
    return tuple((LANGUAGE_NAMES[code], code) for code in LANGUAGES)


def session_blocks_language_change(session_state: str | None) -> str | None:
    """Why the language cannot change now, or None: a session being timed (running or
    paused) is never cut short by redrawing the workbook."""
    if session_state in ("running", "paused"):
        return _("Finish or stop the session first: the language changes once it has ended.")
    return None


def save_workbook_language(language: str, environ: Mapping[str, str] = os.environ) -> str:
    """Save `language` as the trainer's choice (the file written whole, owner-only) and show
    the kernel in it; the language is returned."""
    if language not in LANGUAGES:
        raise ValidationError(
            "language", language, _("choose one of {codes}").format(codes=", ".join(LANGUAGES))
        )
    path = settings_path(environ)
    try:
        _write_owner_only(path, f'[workbook]\nlanguage = "{language}"\n')
    except OSError as e:
        raise StretchkitError(
            _("The language could not be saved in {path}: {reason}").format(
                path=path, reason=e.strerror or e
            )
        ) from e
    return set_kernel_language(language)


def _write_owner_only(path: Path, text: str) -> None:
    """Write `text` to `path` whole (a temporary file renamed over it), readable by the
    owner only, in a folder of the owner's alone when it is made."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        temporary.chmod(SETTINGS_MODE)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
