"""Loading the catalog file: a malformed file fails naming the file, the stretch and the field."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stretchkit.catalog import load_catalog
from stretchkit.errors import CatalogError
from stretchkit.paths import catalog_path
from tests.toml_writer import dumps

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def raw() -> Raw:
    with catalog_path().open("rb") as f:
        return tomllib.load(f)


def write(tmp_path: Path, data: Raw) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_text(dumps(data))
    return path


def stretch(data: Raw, stretch_id: str) -> Raw:
    return next(s for s in data["stretches"] if s["id"] == stretch_id)


def test_the_unaltered_catalog_written_back_loads_the_same(tmp_path: Path, raw: Raw) -> None:
    """The test writer round-trips the real catalog, so the failures below are the edits'."""
    loaded = load_catalog(write(tmp_path, raw))
    assert [s.id for s in loaded.stretches] == [s["id"] for s in raw["stretches"]]


def _drop(field: str) -> Callable[[Raw], None]:
    return lambda d: stretch(d, "seated-lat-reach-pull").pop(field)


def _set(field: str, value: Any) -> Callable[[Raw], None]:
    return lambda d: stretch(d, "seated-lat-reach-pull").__setitem__(field, value)


def _duplicate(d: Raw) -> None:
    d["stretches"].append(copy.deepcopy(stretch(d, "seated-lat-reach-pull")))


def _unknown_muscle(d: Raw) -> None:
    stretch(d, "seated-lat-reach-pull")["targets"].append({"muscle": "biceps", "role": "primary"})


BROKEN: list[tuple[str, Callable[[Raw], None], str, str]] = [
    ("missing purpose", _drop("purpose"), "purpose", "missing"),
    ("missing hold", _drop("hold_s"), "hold_s", "missing"),
    ("missing steps", _drop("steps"), "steps", "missing"),
    ("unknown muscle", _unknown_muscle, "muscle", "biceps"),
    ("min > max hold", _set("hold_s", [40, 20]), "hold_s", "greater than maximum"),
    ("zero hold", _set("hold_s", [0, 20]), "hold_s", "1-600"),
    ("hold as text", _set("hold_s", ["20", "30"]), "hold_s", "whole numbers"),
    ("duplicate id", _duplicate, "id", "duplicate"),
    ("unknown movement", _set("movement", "twist"), "movement", "twist"),
    ("unknown position", _set("position", "prone"), "position", "prone"),
    ("unknown region", _set("region", "leg"), "region", "leg"),
    ("unknown source", _set("source", "blog"), "source", "blog"),
    ("unknown body part", _set("loads", ["tail"]), "loads", "tail"),
    ("per_side as text", _set("per_side", "yes"), "per_side", "must be bool"),
    ("empty name", _set("name", "  "), "name", "empty"),
    ("reps inverted", _set("reps", [3, 2]), "reps", "minimum <= maximum"),
    (
        "a safety note without the client's wording",
        lambda d: stretch(d, "seated-lat-reach-pull")["for_client"].popitem(),
        "for_client",
        "no wording for the client",
    ),
    (
        "the client's wording of a note the stretch does not have",
        lambda d: stretch(d, "seated-lat-reach-pull")["for_client"].__setitem__("Go on.", "Go."),
        "for_client",
        "is not a caution",
    ),
    (
        "exclusion of unknown condition",
        _set("exclusions", [{"condition": "flu", "text": "x"}]),
        "condition",
        "flu",
    ),
]


@pytest.mark.parametrize(("case", "edit", "field", "problem"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_malformed_stretch_fails_naming_file_stretch_and_field(
    tmp_path: Path, raw: Raw, case: str, edit: Callable[[Raw], None], field: str, problem: str
) -> None:
    """Each defect is reported with the file path, the stretch id, the field and the problem."""
    data = copy.deepcopy(raw)
    edit(data)
    path = write(tmp_path, data)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = str(caught.value)
    assert str(path) in message
    assert "seated-lat-reach-pull" in message
    assert field in message
    assert problem in message


def test_a_missing_required_guideline_is_named(tmp_path: Path, raw: Raw) -> None:
    """Removing the warm-up guideline fails naming it."""
    data = copy.deepcopy(raw)
    del data["guidelines"]["warm-up"]
    with pytest.raises(CatalogError, match=r"guidelines\.warm-up.*missing"):
        load_catalog(write(tmp_path, data))


def test_a_contraindication_with_an_unknown_action_is_named(tmp_path: Path, raw: Raw) -> None:
    """A contraindication's action must come from the known list."""
    data = copy.deepcopy(raw)
    data["contraindications"][0]["action"] = "ignore"
    with pytest.raises(CatalogError, match=r"contraindications\[1\].*action.*ignore"):
        load_catalog(write(tmp_path, data))


def test_a_file_that_is_not_toml_is_reported_with_its_path(tmp_path: Path) -> None:
    """Garbage in the catalog file gives a CatalogError naming the file."""
    path = tmp_path / "catalog.toml"
    path.write_text("[[stretches]\nid = ")
    with pytest.raises(CatalogError, match="is not valid TOML") as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)


def test_a_missing_catalog_file_is_reported_with_its_path(tmp_path: Path) -> None:
    """A catalog path that does not exist gives a CatalogError, not an OSError."""
    with pytest.raises(CatalogError, match="cannot be read"):
        load_catalog(tmp_path / "nope.toml")


def test_a_wrong_schema_version_is_refused(tmp_path: Path, raw: Raw) -> None:
    """Only the schema version this release understands loads."""
    data = copy.deepcopy(raw)
    data["schema_version"] = 2
    with pytest.raises(CatalogError, match="schema_version"):
        load_catalog(write(tmp_path, data))


def test_a_muscle_in_an_unknown_body_part_fails_naming_the_muscle_and_field(
    tmp_path: Path, raw: Raw
) -> None:
    """A muscle's parts must be catalog body parts: 'belly' names the obliques and 'parts'."""
    data = copy.deepcopy(raw)
    data["muscles"]["obliques"]["parts"] = ["belly"]
    with pytest.raises(CatalogError) as caught:
        load_catalog(write(tmp_path, data))
    assert (caught.value.entry, caught.value.field) == ("muscles.obliques", "parts")
    assert "belly" in str(caught.value)


def test_a_muscle_without_parts_fails_naming_it(tmp_path: Path, raw: Raw) -> None:
    """Every muscle says which body parts it lies in."""
    data = copy.deepcopy(raw)
    del data["muscles"]["intercostals"]["parts"]
    with pytest.raises(CatalogError, match=r"muscles\.intercostals.*parts.*missing"):
        load_catalog(write(tmp_path, data))


def test_stretchkits_own_reading_is_a_source_kind_and_a_required_source(
    tmp_path: Path, raw: Raw
) -> None:
    """The 'own-reading' kind loads; a catalog without the stretchkit source is refused."""
    assert load_catalog(write(tmp_path, raw)).sources["stretchkit"].kind == "own-reading"
    data = copy.deepcopy(raw)
    del data["sources"]["stretchkit"]
    with pytest.raises(CatalogError, match=r"sources\.stretchkit.*missing"):
        load_catalog(write(tmp_path, data))
