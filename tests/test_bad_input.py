"""Bad input at every public constructor and parser: a valid value, or stretchkit's own error
naming the field, never another exception; absurd values are refused where they come in."""

from __future__ import annotations

import copy
import csv
import io
import math
import tomllib
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from stretchkit.catalog import Catalog, HoldRange, RepRange, load_catalog
from stretchkit.catalog.file import parse_catalog_file
from stretchkit.catalog.model import MAX_HOLD_S
from stretchkit.clients import ClientDetails
from stretchkit.errors import CatalogError, StretchkitError, ValidationError
from stretchkit.paths import catalog_path
from stretchkit.planning.prescription import Prescription, Target, prescribe
from stretchkit.planning.routine_codec import routine_from_dict
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.history_csv import (
    COLUMNS,
    EARLIEST,
    KINDS,
    CsvImportError,
    history_from_csv,
    history_text,
    history_to_csv,
    read_history_csv,
)
from stretchkit.progress.outcomes import FIELD_TESTS, Measurement, parse_measurement
from stretchkit.screening.intake import Clearance, Injury, Intake
from stretchkit.session.log import MAX_REPS, HoldEntry, parse_seconds, parse_whole
from tests.csv_rows import hold_cells
from tests.hypothesis_profiles import examples
from tests.strategies import (
    CATALOG,
    HISTORY_TODAY,
    clearances,
    histories,
    hold_entries,
    intakes,
    measurements,
    paths,
    prescriptions,
    session_records,
)
from tests.today import TODAY
from tests.toml_writer import dumps_inline

FUZZ = settings(
    max_examples=examples(250), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TOMORROW = TODAY + timedelta(days=1)
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

# --- what bad input looks like ----------------------------------------------------------------

ABSURD_NUMBERS: tuple[object, ...] = (
    -1,
    0,
    11,
    -1.0,
    0.5,
    10_000,
    10**30,
    -(10**30),
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    True,
    False,
)
ABSURD_TEXT = (
    "",
    " ",
    "-1",
    "0",
    "11",
    "10000",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "-1e999",
    "1_0",
    "1,5",
    "\u0663",  # an Arabic-Indic digit three
    "\u00b2",  # superscript two: isdigit() but not int()
    "\uff11\uff12",  # full-width 12
    "9" * 40,
    "9" * 5000,
    "2999-01-01",
    "1999-12-31",
    "2026-02-30",
    "=1+1",
    "\x00",
    "<b>x</b>",
    "yes",
    "maybe",
    "left",
    "Left",
    "up",
)
JUNK: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-3, 25),
    st.floats(),
    st.sampled_from(ABSURD_NUMBERS),
    st.text(max_size=20),
    st.sampled_from(ABSURD_TEXT),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(UTC)),
    st.binary(max_size=4),
    st.lists(st.integers(-2, 3) | st.text(max_size=3), max_size=3),
    st.lists(st.integers(-2, 3) | st.text(max_size=3), max_size=3).map(tuple),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
"""Any value a caller might pass by mistake: wrong types, absurd numbers, future dates."""


def good_or_junk(
    good: st.SearchStrategy[Any], junk: st.SearchStrategy[Any] = JUNK
) -> st.SearchStrategy[Any]:
    """A good value half the time, else junk (so that some inputs get past the first check)."""
    return st.booleans().flatmap(lambda ok: good if ok else junk)


def refused(error: StretchkitError, allowed: set[str]) -> None:
    """A ValidationError whose field is one of `allowed` and whose message starts with it."""
    assert isinstance(error, ValidationError), repr(error)
    assert error.field in allowed, (error.field, str(error))
    assert str(error).startswith(f"{error.field}: ")


def built_or_refused(make: Callable[[], object], allowed: set[str]) -> object | None:
    """The value made, or None when it was refused with an error naming an allowed field."""
    try:
        return make()
    except StretchkitError as e:
        refused(e, allowed)
        return None


def with_one_junk_value(
    valid: object, data: st.DataObject, keep: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The fields of a valid dataclass value as keyword arguments, one (not in `keep`)
    replaced with junk."""
    kwargs = {f.name: getattr(valid, f.name) for f in fields(valid)}  # type: ignore[arg-type]
    field = data.draw(st.sampled_from(sorted(set(kwargs) - set(keep))), label="field")
    kwargs[field] = data.draw(JUNK)
    return kwargs


# --- constructors -----------------------------------------------------------------------------

INTAKE_FIELDS = {
    "age",
    "parq",
    "injuries",
    "pregnancy trimester",
    "pregnancy due date",
    "recent surgery",
    "recent surgery date",
    "clearance",
    "clearance date",
    "screening date",
    "notes",
    *(f.name.replace("_", " ") for f in fields(Intake) if f.type == "bool"),
}


@FUZZ
@given(intakes(), st.data())
def test_an_intake_with_any_one_bad_answer_is_built_or_refused_naming_it(
    intake: Intake, data: st.DataObject
) -> None:
    """Any answer replaced by a wrong type, an absurd number or a future date: an Intake, or a
    ValidationError naming that answer."""
    kwargs = with_one_junk_value(intake, data)
    built = built_or_refused(lambda: Intake(**kwargs), INTAKE_FIELDS)
    if built is not None:
        assert isinstance(built, Intake)
        hash(built)


@FUZZ
@given(st.data())
def test_injuries_and_clearances_with_a_bad_value_are_built_or_refused(data: st.DataObject) -> None:
    """The parts of an intake check their own values."""
    injury = with_one_junk_value(Injury("lower-back", "strain"), data)
    built_or_refused(lambda: Injury(**injury), {"injury body part", "injury kind"})
    clearance = with_one_junk_value(data.draw(clearances(TODAY)), data)
    allowed = {"clearance date", "clearance covers", "clearance issued by"}
    built = built_or_refused(lambda: Clearance(**clearance), allowed)
    if built is not None:
        hash(built)


@FUZZ
@given(
    name=JUNK | st.text(max_size=300),
    contact=JUNK | st.text(max_size=300),
    notes=JUNK | st.text(max_size=10) | st.just("x" * 4001),
)
def test_client_details_are_built_or_refused_naming_the_field(
    name: Any, contact: Any, notes: Any
) -> None:
    """A name, contact or notes of any type or length."""
    built = built_or_refused(
        lambda: ClientDetails(name, contact, notes), {"name", "contact", "notes"}
    )
    if isinstance(built, ClientDetails):
        assert built.name and built.name == built.name.strip()


HOLD_FIELDS = {
    "stretch",
    "side",
    "repetitions planned",
    "repetition",
    "target",
    "seconds held",
    "sensation",
    "flag",
}


@FUZZ
@given(hold_entries(), st.data())
def test_a_hold_entry_with_any_one_bad_value_is_built_or_refused_naming_it(
    entry: HoldEntry, data: st.DataObject
) -> None:
    """Seconds, sensation, repetitions, side or flag of any type or size."""
    kwargs = with_one_junk_value(entry, data)
    built = built_or_refused(lambda: HoldEntry(**kwargs), HOLD_FIELDS)
    if isinstance(built, HoldEntry):
        assert 0 <= built.held_s <= MAX_HOLD_S and 0 < built.target_s <= MAX_HOLD_S
        assert built.sensation is None or 0 <= built.sensation <= 10


@FUZZ
@given(session_records(), st.data())
def test_a_session_record_with_any_one_bad_value_is_built_or_refused_naming_it(
    session: SessionRecord, data: st.DataObject
) -> None:
    """A session's start, end, place, status, note or holds replaced by junk."""
    kwargs = with_one_junk_value(session, data)
    allowed = {"started", "place", "status", "ended", "note", "logged", "holds"}
    built_or_refused(lambda: SessionRecord(**kwargs), allowed)
    logged = data.draw(JUNK, label="logged")
    built_or_refused(lambda: HoldRecord(logged, HoldEntry("x", "", 1, 1, 1, 1)), {"logged"})


MEASUREMENT_FIELDS = {"test", "side", "value", "measured on", "note"}


@FUZZ
@given(measurements(), st.data())
def test_a_measurement_with_any_one_bad_value_is_built_or_refused_naming_it(
    measurement: Measurement, data: st.DataObject
) -> None:
    """Test, side, value, day or note of any type or size."""
    kwargs = with_one_junk_value(measurement, data)
    built = built_or_refused(lambda: Measurement(**kwargs), MEASUREMENT_FIELDS)
    if isinstance(built, Measurement):
        assert math.isfinite(built.value)
        assert built.test.low <= built.value <= built.test.high


@FUZZ
@given(low=JUNK, high=JUNK)
def test_hold_and_repetition_ranges_are_built_or_refused_naming_the_field(
    low: Any, high: Any
) -> None:
    """The ranges the catalog and prescriptions are made of take whole numbers only."""
    hold = built_or_refused(lambda: HoldRange(low, high), {"hold_s"})
    if isinstance(hold, HoldRange):
        assert type(hold.min_s) is int and 0 < hold.min_s <= hold.max_s <= MAX_HOLD_S
    reps = built_or_refused(lambda: RepRange(low, high), {"reps"})
    if isinstance(reps, RepRange):
        assert type(reps.min_reps) is int and 0 < reps.min_reps <= reps.max_reps <= MAX_REPS


PRESCRIPTION_FIELDS = {
    "stretch",
    "sides",
    "hold",
    "hold (left side)",
    "hold (right side)",
    "reps",
    "rest",
    "repetition range",
    "hold range",
    "basis",
}
targets_of_junk = st.lists(st.builds(Target, JUNK, JUNK), max_size=3).map(tuple)


@FUZZ
@given(prescriptions(), st.data())
def test_a_prescription_with_any_one_bad_value_is_built_or_refused_naming_it(
    rx: Prescription, data: st.DataObject
) -> None:
    """Targets, repetitions, rest, ranges or basis replaced by junk (targets of junk too)."""
    kwargs = with_one_junk_value(rx, data)
    if data.draw(st.booleans(), label="junk targets"):
        kwargs["targets"] = data.draw(targets_of_junk)
    built_or_refused(lambda: Prescription(**kwargs), PRESCRIPTION_FIELDS)


# --- parsers of typed text ----------------------------------------------------------------------


@FUZZ
@given(
    st.text(max_size=12) | st.sampled_from(ABSURD_TEXT) | st.text("0123456789 s-+.", max_size=30)
)
def test_typed_seconds_are_read_in_range_or_refused_naming_the_field(text: str) -> None:
    """Whatever is typed into a seconds field: 0-600 s, or an error naming the field."""
    seconds = built_or_refused(lambda: parse_seconds("seconds held", text), {"seconds held"})
    assert seconds is None or 0 <= seconds <= MAX_HOLD_S  # type: ignore[operator]
    minutes = built_or_refused(
        lambda: parse_whole("time budget", text, 5, 120, "min"), {"time budget"}
    )
    assert minutes is None or 5 <= minutes <= 120  # type: ignore[operator]


@FUZZ
@given(
    test_id=good_or_junk(st.sampled_from([t.id for t in FIELD_TESTS])),
    side=good_or_junk(st.sampled_from(["", "left", "right"])),
    value_text=good_or_junk(
        st.integers(-50, 130).map(str) | st.floats().map(str),
        st.text(max_size=12) | st.sampled_from(ABSURD_TEXT),
    ),
    measured_on=good_or_junk(st.dates(date(2000, 1, 1), HISTORY_TODAY), JUNK | st.dates()),
    note=st.text(max_size=10) | st.just("n" * 501),
)
def test_a_typed_measurement_is_read_or_refused_naming_the_field(
    test_id: Any, side: Any, value_text: str, measured_on: Any, note: str
) -> None:
    """The outcome form's parser: future days, words, NaN and absurd values name their field."""
    built = built_or_refused(
        lambda: parse_measurement(
            test_id=test_id,
            side=side,
            value_text=value_text,
            measured_on=measured_on,
            today=HISTORY_TODAY,
            note=note,
        ),
        MEASUREMENT_FIELDS,
    )
    if isinstance(built, Measurement):
        assert built.measured_on <= HISTORY_TODAY
        assert math.isfinite(built.value)


# --- CSV import ---------------------------------------------------------------------------------

CSV_FIELDS = {*COLUMNS, "row", "header", "file"}
HEADER = ",".join(COLUMNS)
MOMENTS = (
    "2026-01-05T09:00:00+01:00",
    "2026-01-05",
    "2026-01-05 10:00",
    "2999-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "1999-12-31T23:59:59+00:00",
    "2026-13-01T00:00:00",
)
cells = (
    st.text(max_size=8)
    | st.sampled_from(ABSURD_TEXT)
    | st.sampled_from(MOMENTS)
    | st.integers(-20, 700).map(str)
    | st.sampled_from(
        ["studio", "home", "flagged", "seated-thoracic-flexion", "seated-thoracic-rotation"]
    )
    | st.sampled_from([t.id for t in FIELD_TESTS])
)


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue()


def record_lines(text: str) -> list[int]:
    """The file line each CSV record starts on (the header is line 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, first = [], 1
    for _row in reader:
        starts.append(first)
        first = reader.line_num + 1
    return starts


def assert_sound(history: History, today: date) -> None:
    """An accepted history holds no absurd value and survives another round trip."""
    for s in history.sessions:
        assert EARLIEST <= s.day <= today
        for hold in s.holds:
            assert EARLIEST <= hold.logged.date() <= today
            assert 0 <= hold.entry.held_s <= MAX_HOLD_S
    for m in history.measurements:
        assert EARLIEST <= m.measured_on <= today and math.isfinite(m.value)
    assert history_from_csv(history_to_csv(history), today=today) == history


def read_or_refuse(text: str, today: date = HISTORY_TODAY) -> CsvImportError | None:
    """Read a CSV text: None when accepted (and sound), else the import error (checked)."""
    try:
        parsed = read_history_csv(text, today=today)
    except CsvImportError as e:
        assert e.problems
        for p in e.problems:
            assert p.field in CSV_FIELDS, p
            assert str(p).startswith(f"line {p.line}: {p.field}: ")
        return e
    assert_sound(parsed.history, today)
    return None


@FUZZ
@given(st.text(max_size=200) | st.text(",\n\r\"' ab1-:T", max_size=200))
def test_any_text_is_imported_or_refused_naming_lines_and_columns(text: str) -> None:
    """Arbitrary text, CSV-looking or not."""
    read_or_refuse(text)


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_are_imported_or_refused_naming_lines_and_columns(data: bytes) -> None:
    """Arbitrary bytes: not UTF-8, NUL bytes, BOMs."""
    try:
        text = history_text(data)
    except CsvImportError as e:
        assert all(p.field == "file" for p in e.problems)
        return
    read_or_refuse(text)


@FUZZ
@given(
    st.lists(
        st.tuples(st.sampled_from(KINDS) | cells, st.lists(cells, max_size=len(COLUMNS) + 1)),
        min_size=1,
        max_size=6,
    )
)
def test_rows_of_absurd_cells_are_imported_or_refused_naming_lines_and_columns(
    rows: list[tuple[str, list[str]]],
) -> None:
    """A good header over rows of random and absurd cells."""
    read_or_refuse(HEADER + "\r\n" + csv_text([[kind, *rest] for kind, rest in rows]))


@FUZZ
@given(histories(), st.data())
def test_a_valid_csv_with_one_cell_replaced_is_imported_or_refused_on_that_line(
    history: History, data: st.DataObject
) -> None:
    """Any cell of an exported history replaced: the file reads back soundly, or the problem
    is on the changed line (or names it, for a repeated session start)."""
    rows = list(csv.reader(io.StringIO(history_to_csv(history), newline="")))
    assume(len(rows) > 1)
    index = data.draw(st.integers(1, len(rows) - 1), label="row")
    column = data.draw(st.integers(0, len(COLUMNS) - 1), label="column")
    rows[index][column] = data.draw(cells, label="cell")
    text = csv_text(rows)
    error = read_or_refuse(text)
    if error is not None:
        line = record_lines(text)[index]
        assert any(
            p.line == line or f"already on line {line}" in p.message for p in error.problems
        ), (line, error.problems)


# --- catalog file -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_catalog() -> dict[str, Any]:
    with catalog_path().open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def catalog_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file path for every example (function-scoped tmp_path does not mix with @given)."""
    return tmp_path_factory.mktemp("catalog") / "catalog.toml"


toml_values: st.SearchStrategy[Any] = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.sampled_from([-1, 0, 11, 10_000, 601, 600, 1, 2**62])
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["", " ", "twist", "article", "primary", "back"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def loaded_or_refused(path: Path) -> Catalog | None:
    """The catalog, or None when refused with a CatalogError naming the file and a field."""
    try:
        return parse_catalog_file(path)
    except CatalogError as e:
        assert str(e).startswith(f"{path}: ") and e.field
        assert f"field '{e.field}'" in str(e)
        return None


def assert_usable(catalog: Catalog) -> None:
    """An accepted catalog prescribes every stretch for the clients its rules adjust."""
    clients = (
        None,
        Intake(date(2024, 1, 1), 40),
        Intake(date(2024, 1, 1), 80, reduced_flexibility=True),
        Intake(date(2024, 1, 1), 30, hypermobility=True),
    )
    for stretch in catalog.stretches:
        for client in clients:
            rx = prescribe(stretch, client, catalog)
            assert 0 < rx.bounds.min_s <= rx.bounds.max_s <= MAX_HOLD_S
    for guideline in catalog.guidelines.values():
        for figure in (guideline.low, guideline.high):
            assert figure is None or (math.isfinite(figure) and figure >= 0)


@FUZZ
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_as_the_catalog_file_are_loaded_or_refused(
    catalog_file: Path, data: bytes
) -> None:
    """Bytes that are not UTF-8, not TOML, or TOML of the wrong shape give a CatalogError."""
    catalog_file.write_bytes(data)
    assert loaded_or_refused(catalog_file) is None


@FUZZ
@given(st.data())
def test_the_catalog_with_one_value_replaced_is_loaded_or_refused_naming_the_field(
    catalog_file: Path, raw_catalog: dict[str, Any], data: st.DataObject
) -> None:
    """Any value of the real catalog replaced (or removed): a usable catalog, or a
    CatalogError naming the file and a field."""
    edited = copy.deepcopy(raw_catalog)
    *parents, last = data.draw(st.sampled_from(paths(edited)), label="path")
    node: Any = edited
    for step in parents:
        node = node[step]
    if data.draw(st.booleans(), label="remove"):
        del node[last]
    else:
        node[last] = data.draw(toml_values, label="value")
    catalog_file.write_text(dumps_inline(edited), encoding="utf-8")
    catalog = loaded_or_refused(catalog_file)
    if catalog is not None:
        assert_usable(catalog)


WRONG_KINDS: tuple[object, ...] = (["x"], {"x": 1}, 7, "x")
"""A value of each kind the file can hold, for fields that expect another kind."""


@pytest.mark.slow  # ~1,200 catalog files parsed; the fuzz above covers the same in the fast lane
def test_every_field_of_a_stretch_given_a_value_of_another_kind_is_refused_by_name(
    catalog_file: Path, raw_catalog: dict[str, Any]
) -> None:
    """Each field (pose included) of the stretch with the most contacts, given a list, a
    table, a number or text instead of what it holds: loaded, or a CatalogError naming that
    field (never a TypeError from using the value before checking its kind)."""
    base = copy.deepcopy(raw_catalog)
    base["stretches"] = [s for s in base["stretches"] if s["id"] == "seated-lower-back-flexion"]
    for path in paths(base["stretches"][0]):
        for wrong in WRONG_KINDS:
            edited = copy.deepcopy(base)
            *parents, last = path
            node: Any = edited["stretches"][0]
            for step in parents:
                node = node[step]
            if type(node[last]) is type(wrong):
                continue
            node[last] = wrong
            catalog_file.write_text(dumps_inline(edited), encoding="utf-8")
            try:
                parse_catalog_file(catalog_file)
            except CatalogError as e:
                named = e.entry.removeprefix("stretch 'seated-lower-back-flexion'") + e.field
                assert str(path[0]) in named, (path, wrong, str(e))


def test_the_inline_toml_of_the_real_catalog_loads(
    catalog_file: Path, raw_catalog: dict[str, Any]
) -> None:
    """The writer used above round-trips the catalog, so refusals come from the edits."""
    catalog_file.write_text(dumps_inline(raw_catalog), encoding="utf-8")
    catalog = load_catalog(catalog_file)
    assert [s.id for s in catalog.stretches] == [s.id for s in CATALOG.stretches]
    assert_usable(catalog)


# --- routine and intake dicts: whole values of any shape ------------------------------------------


@FUZZ
@given(
    st.recursive(
        JUNK,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "schema",
                        "items",
                        "goals",
                        "budget_min",
                        "days_per_week",
                        "warm_up_min",
                        "notes",
                    ]
                )
                | st.text(max_size=4),
                inner,
                max_size=7,
            )
        ),
        max_leaves=12,
    )
)
def test_any_value_given_as_a_routine_is_read_or_refused(value: Any) -> None:
    """Whole values of any shape (the damaged-routine tests change one value of a good one)."""
    try:
        routine_from_dict(value)
    except ValidationError as e:
        assert str(e).startswith(f"{e.field}: ")


# --- absurd values, one by one -------------------------------------------------------------------

GOOD_HOLD: dict[str, Any] = {
    "stretch_id": "seated-thoracic-flexion",
    "side": "",
    "rep": 1,
    "reps_planned": 2,
    "target_s": 25,
    "held_s": 24,
    "sensation": 4,
    "flagged": False,
}


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("held_s", -1, "seconds held"),
        ("held_s", 10_000, "seconds held"),
        ("held_s", 601, "seconds held"),
        ("held_s", math.nan, "seconds held"),
        ("held_s", math.inf, "seconds held"),
        ("held_s", 24.0, "seconds held"),
        ("target_s", 0, "target"),
        ("target_s", -1, "target"),
        ("target_s", 10_000, "target"),
        ("sensation", 11, "sensation"),
        ("sensation", -1, "sensation"),
        ("sensation", math.nan, "sensation"),
        ("sensation", 4.5, "sensation"),
        ("sensation", True, "sensation"),
        ("rep", 0, "repetition"),
        ("reps_planned", 10_000, "repetitions planned"),
    ],
)
def test_an_absurd_hold_is_refused_naming_the_field(field: str, value: object, named: str) -> None:
    """Negative or 10,000-second holds, sensation 11 or -1, NaN: refused by name."""
    with pytest.raises(ValidationError) as caught:
        HoldEntry(**{**GOOD_HOLD, field: value})
    assert caught.value.field == named
    assert str(caught.value).startswith(f"{named}: ")


def test_a_hold_of_zero_seconds_is_a_real_log_but_a_zero_second_target_is_not() -> None:
    """A client may stop at once (0 s held, often with the flag); no hold is planned for 0 s."""
    assert HoldEntry(**{**GOOD_HOLD, "held_s": 0, "flagged": True}).held_s == 0
    assert parse_seconds("seconds held", "0") == 0
    with pytest.raises(ValidationError, match=r"^target: "):
        HoldEntry(**{**GOOD_HOLD, "target_s": 0})
    with pytest.raises(ValidationError, match=r"^hold_s: "):
        HoldRange(0, 30)


@pytest.mark.parametrize("typed", ["-1", "10000", "10,000", "601", "nan", "inf", "1e3", "2.5"])
def test_absurd_typed_seconds_are_refused_naming_the_field(typed: str) -> None:
    """What a trainer might type into the seconds-held box."""
    with pytest.raises(ValidationError) as caught:
        parse_seconds("seconds held", typed)
    assert caught.value.field == "seconds held"
    assert typed in str(caught.value)


@pytest.mark.parametrize(
    "value", [math.nan, math.inf, -math.inf, 1e308, -41.0, 80.1, 10_000, "12", None, True]
)
def test_an_absurd_measurement_value_is_refused_naming_the_value(value: object) -> None:
    """NaN, infinities and numbers outside the test's range."""
    with pytest.raises(ValidationError, match=r"^value: "):
        Measurement("sit-and-reach", "", value, date(2026, 1, 5))  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["nan", "inf", "-Infinity", "1e999", "10000", "-41", "80.1"])
def test_an_absurd_typed_measurement_is_refused_naming_the_value(typed: str) -> None:
    """The same through the outcome form's parser."""
    with pytest.raises(ValidationError, match=r"^value: "):
        parse_measurement(
            test_id="sit-and-reach", side="", value_text=typed, measured_on=TODAY, today=TODAY
        )


@pytest.mark.parametrize(
    "day", [TOMORROW, date(2999, 1, 1), datetime.combine(TODAY, datetime.min.time())]
)
def test_a_measurement_day_in_the_future_or_not_a_day_is_refused(day: date) -> None:
    """Tomorrow, the year 2999, or a date and time where a day is expected."""
    with pytest.raises(ValidationError, match=r"^measured on: "):
        parse_measurement(
            test_id="sit-and-reach", side="", value_text="12", measured_on=day, today=TODAY
        )


def test_todays_measurement_is_accepted() -> None:
    """Today is not the future."""
    typed = parse_measurement(
        test_id="sit-and-reach", side="", value_text="12", measured_on=TODAY, today=TODAY
    )
    assert typed.measured_on == TODAY


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"taken_on": datetime(2024, 3, 1, 9)}, "screening date"),
        ({"taken_on": "2024-03-01"}, "screening date"),
        ({"age": math.nan}, "age"),
        ({"age": math.inf}, "age"),
        ({"age": 10_000}, "age"),
        ({"age": -1}, "age"),
        ({"pregnancy_trimester": 4}, "pregnancy trimester"),
        ({"pregnancy_due_on": date(2999, 1, 1)}, "pregnancy due date"),
        ({"pregnancy_due_on": "2024-06-01"}, "pregnancy due date"),
        ({"pregnancy_due_on": date(2024, 6, 1), "pregnancy_trimester": 1}, "pregnancy trimester"),
        ({"parq": None}, "parq"),
        ({"acute_pain": "no"}, "acute pain"),
        ({"notes": None}, "notes"),
        ({"injuries": ("lower-back",)}, "injuries"),
        ({"clearance": "yes"}, "clearance"),
    ],
)
def test_an_absurd_intake_is_refused_naming_the_answer(changes: dict[str, Any], field: str) -> None:
    """An impossible screening date, an impossible age or a wrong type (a future date is the
    store's to refuse: the core never reads the clock)."""
    with pytest.raises(ValidationError) as caught:
        Intake(**{"taken_on": date(2024, 3, 1), "age": 40, **changes})
    assert caught.value.field == field


def _hold_row(**cells: str) -> list[str]:
    merged = hold_cells(START, **cells)
    return ["hold", *(merged.get(c, "") for c in COLUMNS[1:])]


def _measurement_row(**cells: str) -> list[str]:
    merged = {"test": "sit-and-reach", "measured_on": "2026-01-05", "value": "9", **cells}
    return ["measurement", *(merged.get(c, "") for c in COLUMNS[1:])]


CSV_TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (_hold_row(held_s="-1"), "held_s", "0-600 s"),
        (_hold_row(held_s="10000"), "held_s", "0-600 s"),
        (_hold_row(held_s="nan"), "held_s", "0-600 s"),
        (_hold_row(held_s="24.5"), "held_s", "0-600 s"),
        (_hold_row(target_s="0"), "target_s", "1-600 s"),
        (_hold_row(sensation="11"), "sensation", "0-10"),
        (_hold_row(sensation="-1"), "sensation", "0-10"),
        (_hold_row(sensation="inf"), "sensation", "0-10"),
        (_hold_row(reps_planned="99999999999999999999"), "reps_planned", "1-20"),
        (
            _hold_row(session_started="2026-03-02T09:00:00+00:00", logged="2026-03-02T09:01:00"),
            "session_started",
            "after today",
        ),
        (_hold_row(logged="2026-03-02T00:00:00+00:00"), "logged", "after today"),
        (_measurement_row(measured_on="2026-03-02"), "measured_on", "after today"),
        (_measurement_row(measured_on="2999-01-01"), "measured_on", "after today"),
        (_measurement_row(value="nan"), "value", "must be a number"),
        (_measurement_row(value="inf"), "value", "must be a number"),
        (_measurement_row(value="1e999"), "value", "must be a number"),
        (_measurement_row(value="10000"), "value", "to 80 cm"),
    ],
)
def test_absurd_cells_of_a_csv_file_are_refused_naming_the_column(
    row: list[str], column: str, words: str
) -> None:
    """Negative, 10,000-second and NaN holds, sensation 11 or -1, days after today."""
    with pytest.raises(CsvImportError) as caught:
        history_from_csv(csv_text([list(COLUMNS), row]), today=CSV_TODAY)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (2, column)
    assert words in problem.message


@pytest.mark.parametrize(
    ("hold_s", "words"),
    [([-1, 30], "1-600"), ([20, 10_000], "1-600"), ([0, 0], "1-600")],
)
def test_an_absurd_hold_range_in_the_catalog_file_is_refused(
    tmp_path: Path, raw_catalog: dict[str, Any], hold_s: list[int], words: str
) -> None:
    """A stretch held for -1 or 10,000 seconds cannot come in through the catalog either."""
    edited = copy.deepcopy(raw_catalog)
    edited["stretches"][0]["hold_s"] = hold_s
    path = tmp_path / "catalog.toml"
    path.write_text(dumps_inline(edited), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        parse_catalog_file(path)
    assert caught.value.field == "hold_s" and words in str(caught.value)


@pytest.mark.parametrize(
    ("guideline", "end", "value"),
    [
        ("acsm-older-adult-hold", "low", math.nan),
        ("acsm-older-adult-hold", "high", math.inf),
        ("reduced-flexibility-hold", "high", 10_000),
        ("hold-time", "low", -1),
        ("warm-up", "high", -math.inf),
    ],
)
def test_an_absurd_guideline_figure_in_the_catalog_file_is_refused(
    tmp_path: Path, raw_catalog: dict[str, Any], guideline: str, end: str, value: float
) -> None:
    """NaN, infinite, negative figures, and holds beyond the longest a hold may last."""
    edited = copy.deepcopy(raw_catalog)
    edited["guidelines"][guideline][end] = value
    path = tmp_path / "catalog.toml"
    path.write_text(dumps_inline(edited), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        parse_catalog_file(path)
    assert caught.value.entry == f"guidelines.{guideline}"
    assert caught.value.field == end


def test_a_catalog_file_that_is_not_utf8_is_refused_naming_the_file(tmp_path: Path) -> None:
    """Latin-1 text or a binary file: a CatalogError, not a UnicodeDecodeError."""
    path = tmp_path / "catalog.toml"
    path.write_bytes('schema_version = 1\ntitle = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(CatalogError, match="not UTF-8 text") as caught:
        parse_catalog_file(path)
    assert str(caught.value).startswith(str(path))


def test_a_history_with_future_sessions_never_reaches_the_store_through_the_csv() -> None:
    """Tomorrow's session (by the importer's today) is refused with its line and column."""
    tomorrow = datetime.combine(CSV_TODAY + timedelta(days=1), datetime.min.time(), UTC)
    history = History((SessionRecord(tomorrow),))
    with pytest.raises(CsvImportError) as caught:
        history_from_csv(history_to_csv(history), today=CSV_TODAY)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (2, "session_started")
    assert "after today" in problem.message


def test_a_refused_day_is_shown_as_the_user_picked_it() -> None:
    """The message shows the day as 2026-03-02, never as Python's date(...) spelling."""
    error = ValidationError("screening date", date(2026, 3, 2), "cannot be in the future")
    assert str(error) == "screening date: cannot be in the future; you gave 2026-03-02"
    assert str(ValidationError("age", "4x", "must be a whole number")).endswith(
        "; you gave \u201c4x\u201d"
    )
