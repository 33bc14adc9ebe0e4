"""Reading the catalog data file: every malformed entry fails naming file, entry and field."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from stretchkit.catalog.entry import Entry as _Entry
from stretchkit.catalog.model import (
    ACTIONS,
    MAX_HOLD_S,
    MOVEMENTS,
    POSITIONS,
    ROLES,
    BodyPart,
    Catalog,
    Condition,
    Contraindication,
    Exclusion,
    Guideline,
    HoldRange,
    Muscle,
    MuscleTarget,
    Region,
    RepRange,
    Source,
    Stretch,
    ToClient,
)
from stretchkit.catalog.pose_file import parse_pose
from stretchkit.errors import CatalogError

__all__ = ["REQUIRED_GUIDELINES", "REQUIRED_SOURCES", "SCHEMA_VERSION", "parse_catalog_file"]

SCHEMA_VERSION = 1
REQUIRED_GUIDELINES = (
    "warm-up",
    "hold-time",
    "reduced-flexibility-hold",
    "repetitions",
    "breathing",
    "gradual-progression",
    "no-pain",
    "communication",
    "seek-professional-guidance",
    "acsm-frequency",
    "acsm-hold",
    "acsm-older-adult-hold",
    "acsm-total-per-stretch",
    "older-adult-age",
)
REQUIRED_SOURCES = ("upper-back-article", "partner-back-article", "par-q-plus", "stretchkit")
"""The sources the screening rules cite: both articles, PAR-Q+ and stretchkit's own reading."""
SOURCE_KINDS = ("article", "guidance", "own-reading")


def _tables(root: _Entry, section: str) -> dict[str, _Entry]:
    tables = root.get(section, dict)
    if not tables:
        raise root.fail(section, "must have at least one entry")
    entries = {}
    for key, value in tables.items():
        if not isinstance(value, Mapping):
            raise root.fail(f"{section}.{key}", "must be a table")
        entries[key] = _Entry(root.file, f"{section}.{key}", value)
    return entries


def _array(root: _Entry, section: str) -> list[_Entry]:
    items = root.get(section, list)
    return [root.sub(section, i, data) for i, data in enumerate(items)]


def _source(key: str, e: _Entry) -> Source:
    return Source(
        id=key,
        title=e.text("title"),
        kind=cast(Any, e.choice("kind", SOURCE_KINDS)),
        author=e.text("author", optional=True),
        file=e.text("file", optional=True),
    )


def _sources(root: _Entry) -> dict[str, Source]:
    sources = {k: _source(k, e) for k, e in _tables(root, "sources").items()}
    for required in REQUIRED_SOURCES:
        if required not in sources:
            raise root.fail(f"sources.{required}", "missing (the screening rules cite it)")
    return sources


def _muscle(key: str, e: _Entry, body_parts: Mapping[str, BodyPart]) -> Muscle:
    view = e.choice("view", ("back", "front", "both"))
    parts = e.choices("parts", body_parts)
    return Muscle(key, e.text("name"), cast(Any, view), e.text("description"), parts)


def _figure(e: _Entry, field: str) -> float | None:
    """A guideline's low or high figure: a finite number, not negative; a number of seconds
    is at most the longest hold."""
    if field not in e.data:
        return None
    value = e.get(field, float)
    if not math.isfinite(value) or value < 0:
        raise e.fail(field, f"must be a number 0 or more, got {value!r}")
    if e.data.get("unit") == "s" and value > MAX_HOLD_S:
        raise e.fail(field, f"{value:g} s is longer than the longest hold, {MAX_HOLD_S} s")
    return value


def _guideline(key: str, e: _Entry, sources: Mapping[str, Source]) -> Guideline:
    low, high = _figure(e, "low"), _figure(e, "high")
    if low is not None and high is not None and low > high:
        raise e.fail("low", f"{low:g} is greater than high {high:g}")
    return Guideline(
        id=key,
        title=e.text("title"),
        text=e.text("text"),
        sources=e.choices("sources", sources),
        low=low,
        high=high,
        unit=e.text("unit", optional=True),
        items=e.texts("items", optional=True),
    )


def _contraindication(e: _Entry, vocab: _Vocabulary) -> Contraindication:
    return Contraindication(
        condition=e.choice("condition", vocab.conditions),
        action=cast(Any, e.choice("action", ACTIONS)),
        source=e.choice("source", vocab.sources),
        text=e.text("text"),
    )


@dataclass(frozen=True)
class _Vocabulary:
    """The named things stretches may refer to, each a mapping from id."""

    sources: Mapping[str, Source]
    muscles: Mapping[str, Muscle]
    regions: Mapping[str, Region]
    body_parts: Mapping[str, BodyPart]
    conditions: Mapping[str, Condition]


def _vocabulary(root: _Entry) -> _Vocabulary:
    body_parts = {k: BodyPart(k, e.text("name")) for k, e in _tables(root, "body_parts").items()}
    return _Vocabulary(
        sources=_sources(root),
        muscles={k: _muscle(k, e, body_parts) for k, e in _tables(root, "muscles").items()},
        regions={k: Region(k, e.text("name")) for k, e in _tables(root, "regions").items()},
        body_parts=body_parts,
        conditions={
            k: Condition(k, e.text("name")) for k, e in _tables(root, "conditions").items()
        },
    )


def _targets(e: _Entry, vocab: _Vocabulary) -> tuple[MuscleTarget, ...]:
    items = [e.sub("targets", i, d) for i, d in enumerate(e.get("targets", list))]
    if not items:
        raise e.fail("targets", "must list at least one muscle")
    targets = tuple(
        MuscleTarget(t.choice("muscle", vocab.muscles), cast(Any, t.choice("role", ROLES)))
        for t in items
    )
    muscles = [t.muscle for t in targets]
    if len(set(muscles)) != len(muscles):
        raise e.fail("targets", f"a muscle is listed twice: {muscles}")
    return targets


def _exclusions(e: _Entry, vocab: _Vocabulary) -> tuple[Exclusion, ...]:
    items = [e.sub("exclusions", i, d) for i, d in enumerate(e.get("exclusions", list, []))]
    return tuple(Exclusion(x.choice("condition", vocab.conditions), x.text("text")) for x in items)


def _client_wording(e: _Entry, notes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each safety note said to the client: one wording for every note, and only for them."""
    table = e.get("for_client", dict)
    for note, said in table.items():
        if note not in notes:
            raise e.fail("for_client", f"{note!r} is not a caution, exclusion or modification")
        if not isinstance(said, str) or not said.strip():
            raise e.fail("for_client", f"the wording of {note!r} must be non-empty text")
    missing = [note for note in notes if note not in table]
    if missing:
        raise e.fail("for_client", f"no wording for the client of {missing[0]!r}")
    return tuple((note, table[note]) for note in notes)


def _stretch_entry(index: int, e: _Entry) -> _Entry:
    stretch_id = e.data.get("id")
    if not isinstance(stretch_id, str) or not stretch_id.strip():
        raise e.fail("id", "missing or empty")
    return _Entry(e.file, f"stretch '{stretch_id}'", e.data)


def _stretch(e: _Entry, vocab: _Vocabulary) -> Stretch:
    stretch = _stretch_as_written(e, vocab)
    return replace(
        stretch, client_wording=_client_wording(e, stretch.safety_notes), to_client=_to_client(e)
    )


def _to_client(e: _Entry) -> ToClient | None:
    """The stretch said to the client (their part, their partner's, the steps), if written."""
    if "to_client" not in e.data:
        return None
    told = e.within("to_client")
    return told.build(
        "steps",
        lambda: ToClient(
            told.text("role"),
            told.text("partner_role"),
            told.text("partner_position"),
            told.texts("steps"),
        ),
    )


def _stretch_as_written(e: _Entry, vocab: _Vocabulary) -> Stretch:
    hold = e.pair("hold_s")
    reps = e.pair("reps")
    return Stretch(
        id=e.text("id"),
        name=e.text("name"),
        also_called=e.text("also_called", optional=True),
        source=e.choice("source", vocab.sources),
        article_number=e.get("article_number", int),
        region=e.choice("region", vocab.regions),
        movement=cast(Any, e.choice("movement", MOVEMENTS)),
        position=cast(Any, e.choice("position", POSITIONS)),
        purpose=e.text("purpose"),
        targets=_targets(e, vocab),
        partner_role=e.text("partner_role"),
        partner_position=e.text("partner_position"),
        client_role=e.text("client_role"),
        client_position=e.text("client_position"),
        steps=e.texts("steps"),
        cautions=e.texts("cautions"),
        hold=e.build("hold_s", lambda: HoldRange(*hold)),
        reps=e.build("reps", lambda: RepRange(*reps)),
        reps_source=e.choice("reps_source", vocab.sources),
        per_side=e.get("per_side", bool),
        loads=e.choices("loads", vocab.body_parts),
        cues=e.texts("cues"),
        exclusions=_exclusions(e, vocab),
        modifications=e.texts("modifications", optional=True),
        pose=parse_pose(e, e.choice("position", POSITIONS), len(e.texts("steps")), vocab.sources),
    )


def _stretches(root: _Entry, vocab: _Vocabulary) -> tuple[Stretch, ...]:
    stretches: list[Stretch] = []
    for i, raw in enumerate(_array(root, "stretches")):
        e = _stretch_entry(i, raw)
        if any(s.id == e.data["id"] for s in stretches):
            raise e.fail("id", "duplicate id: another stretch already uses it")
        stretches.append(_stretch(e, vocab))
    if not stretches:
        raise root.fail("stretches", "the catalog has no stretches")
    return tuple(stretches)


def _guidelines(root: _Entry, vocab: _Vocabulary) -> dict[str, Guideline]:
    guidelines = {
        k: _guideline(k, e, vocab.sources) for k, e in _tables(root, "guidelines").items()
    }
    for required in REQUIRED_GUIDELINES:
        if required not in guidelines:
            raise root.fail(f"guidelines.{required}", "missing (a required guideline)")
    return guidelines


def _read_toml(path: Path) -> _Entry:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise CatalogError(str(path), "file", "-", f"cannot be read: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(str(path), "file", "-", f"is not valid TOML: {e}") from None
    except UnicodeDecodeError as e:
        problem = f"is not UTF-8 text (byte {e.object[e.start]:#04x} at offset {e.start})"
        raise CatalogError(str(path), "file", "-", problem) from None
    except ValueError as e:  # a number too long for Python to read
        raise CatalogError(str(path), "file", "-", f"is not valid TOML: {e}") from None
    except RecursionError:
        problem = "is not valid TOML: arrays or tables nested too deeply"
        raise CatalogError(str(path), "file", "-", problem) from None
    root = _Entry(str(path), "catalog", data)
    if root.get("schema_version", int) != SCHEMA_VERSION:
        raise root.fail("schema_version", f"must be {SCHEMA_VERSION}")
    return root


def parse_catalog_file(path: Path) -> Catalog:
    """Read, validate and cross-check a catalog file."""
    root = _read_toml(path)
    vocab = _vocabulary(root)
    return Catalog(
        path=str(path),
        sources=vocab.sources,
        muscles=vocab.muscles,
        regions=vocab.regions,
        body_parts=vocab.body_parts,
        conditions=vocab.conditions,
        guidelines=_guidelines(root, vocab),
        contraindications=tuple(
            _contraindication(e, vocab) for e in _array(root, "contraindications")
        ),
        stretches=_stretches(root, vocab),
    )
