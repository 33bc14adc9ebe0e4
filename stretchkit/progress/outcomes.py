"""Outcome measures: field tests of flexibility recorded over time, judged against measurement
error.

Hold durations show that a client tolerates longer stretches; a field test shows whether they
actually move further. Every test has a published minimal detectable change (MDC): a change
smaller than it cannot be told apart from the error of measuring twice, so it is reported as
"within measurement error", never as progress.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _
from stretchkit.i18n.formatting import format_day, format_number
from stretchkit.planning.prescription import SIDE_TEXT, Side

__all__ = [
    "FIELD_TESTS",
    "NOTE_MAX",
    "Change",
    "FieldTest",
    "Measurement",
    "Verdict",
    "changes",
    "field_test",
    "parse_measurement",
    "series",
]

NOTE_MAX = 500
_UNIT_WORDS = {"cm": "centimetres", "°": "degrees"}
Verdict = Literal["improved", "declined", "within measurement error"]


@dataclass(frozen=True)
class FieldTest:
    """A flexibility field test: what it measures, its unit and plausible range, and its
    minimal detectable change with the study that published it."""

    id: str
    name: str
    measure: str
    unit: str
    sided: bool
    low: float
    high: float
    mdc: float
    mdc_source: str
    how: str

    def value_text(self, value: float) -> str:
        """A value with its unit, in the language's numbers: '23.5 cm', '23,5 cm', '41°'."""
        gap = "" if self.unit == "°" else " "
        return f"{format_number(value)}{gap}{self.unit}"


FIELD_TESTS: tuple[FieldTest, ...] = (
    FieldTest(
        id="sit-and-reach",
        name=N_("Sit-and-reach"),
        measure="Reach",
        unit="cm",
        sided=False,
        low=-40.0,
        high=80.0,
        mdc=4.0,
        mdc_source=(
            "López-Miñarro PA, Sáinz de Baranda P, Rodríguez-García PL. A comparison of the "
            "sit-and-reach test and the back-saver sit-and-reach test in university students. "
            "J Sports Sci Med 2009;8(1):116-122 (MDC of the reach score: 4 cm, men and women)"
        ),
        how=N_(
            "Warm up first. Sitting, legs straight, feet against the box: reach forward slowly "
            "along the ruler with one hand over the other, without bouncing. Record the best of "
            "three reaches in cm, on the same box each time."
        ),
    ),
    FieldTest(
        id="thoracic-rotation",
        name=N_("Seated thoracic rotation"),
        measure="Rotation",
        unit="°",
        sided=True,
        low=0.0,
        high=120.0,
        mdc=5.6,
        mdc_source=(
            "Johnson KD, Kim KM, Yu BK, Saliba SA, Grindstaff TL. Reliability of thoracic spine "
            "rotation range-of-motion measurements in healthy adults. J Athl Train "
            "2012;47(1):52-60 (MDC between days, one examiner: 3.9-5.6°; the largest is used)"
        ),
        how=N_(
            "Seated, knees and feet together, a bar held across the front of the shoulders: "
            "turn as far as is comfortable to one side and read the angle with an inclinometer. "
            "Record the mean of three turns per side, in degrees."
        ),
    ),
)
"""The field tests stretchkit records."""


def field_test(test_id: str) -> FieldTest:
    """The field test with this id; an error names an unknown one."""
    for test in FIELD_TESTS:
        if test.id == test_id:
            return test
    known = ", ".join(t.id for t in FIELD_TESTS)
    raise ValidationError("test", test_id, f"must be one of {known}")


def _check_side(test: FieldTest, side: object) -> None:
    if test.sided and side not in ("left", "right"):
        raise ValidationError("side", side, f"{test.name} is measured left or right")
    if not test.sided and side != "":
        raise ValidationError("side", side, f"{test.name} has no sides")


@dataclass(frozen=True)
class Measurement:
    """One field test result: which test and side, the value and the day it was measured."""

    test_id: str
    side: Side
    value: float
    measured_on: date
    note: str = ""

    def __post_init__(self) -> None:
        test = field_test(self.test_id)
        _check_side(test, self.side)
        value = self.value
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValidationError("value", value, f"must be a number of {_UNIT_WORDS[test.unit]}")
        if not test.low <= value <= test.high:
            raise ValidationError(
                "value",
                value,
                f"must be {test.value_text(test.low)} to {test.value_text(test.high)}",
            )
        if type(self.measured_on) is not date:
            raise ValidationError("measured on", self.measured_on, "must be a date")
        if not isinstance(self.note, str) or len(self.note) > NOTE_MAX:
            raise ValidationError(
                "note", self.note, f"must be text of at most {NOTE_MAX} characters"
            )

    @property
    def test(self) -> FieldTest:
        """The field test measured."""
        return field_test(self.test_id)

    @property
    def text(self) -> str:
        """'Seated thoracic rotation, left side: 41° on 2026-03-02'."""
        said = _("{test}: {value} on {day}")
        value = self.test.value_text(self.value)
        return said.format(test=self.label, value=value, day=format_day(self.measured_on))

    @property
    def label(self) -> str:
        """The test and side: 'Seated thoracic rotation, left side'."""
        side = _(SIDE_TEXT[self.side]) if SIDE_TEXT.get(self.side) else ""
        name = _(self.test.name)
        return f"{name}, {side}" if side else name


def _typed_problem(test: FieldTest) -> str:
    return f"type a number of {_UNIT_WORDS[test.unit]}, e.g. {test.value_text(12.5)}"


def _parse_value(test: FieldTest, text: str) -> float:
    cleaned = text.strip().removesuffix(test.unit).removesuffix("deg").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError("value", text, _typed_problem(test)) from None
    if not math.isfinite(value):
        raise ValidationError("value", text, _typed_problem(test))
    return round(value, 1)


def parse_measurement(
    *,
    test_id: str,
    side: Side,
    value_text: str,
    measured_on: date | None,
    today: date,
    note: str = "",
) -> Measurement:
    """A measurement typed by a trainer; an error names the field and what was typed.
    The day cannot be in the future."""
    test = field_test(test_id)
    _check_side(test, side)
    value = _parse_value(test, value_text)
    if type(measured_on) is not date:
        raise ValidationError("measured on", measured_on, "pick the day of the test")
    if measured_on > today:
        raise ValidationError("measured on", measured_on.isoformat(), "cannot be in the future")
    return Measurement(test_id, side, value, measured_on, note.strip())


def series(measurements: Iterable[Measurement]) -> dict[tuple[str, Side], tuple[Measurement, ...]]:
    """Measurements grouped by test and side, each group oldest first, in FIELD_TESTS order."""
    groups: dict[tuple[str, Side], list[Measurement]] = defaultdict(list)
    for m in measurements:
        groups[m.test_id, m.side].append(m)
    order = [t.id for t in FIELD_TESTS]
    keys = sorted(groups, key=lambda k: (order.index(k[0]), k[1]))
    return {k: tuple(sorted(groups[k], key=lambda m: m.measured_on)) for k in keys}


@dataclass(frozen=True)
class Change:
    """How a test result moved from the first measurement to the latest, judged against the
    test's minimal detectable change."""

    first: Measurement
    latest: Measurement

    @property
    def delta(self) -> float:
        """The latest value minus the first (higher is better for every test here)."""
        return round(self.latest.value - self.first.value, 1)

    @property
    def verdict(self) -> Verdict:
        """Improved or declined only when the change reaches the MDC."""
        if abs(self.delta) < self.first.test.mdc:
            return "within measurement error"
        return "improved" if self.delta > 0 else "declined"

    @property
    def text(self) -> str:
        """'Sit-and-reach: 18 → 24 cm since 2026-05-04 (+6 cm): improved, beyond the 4 cm
        measurement error.'"""
        test = self.first.test
        moved = "+" * (self.delta > 0) + test.value_text(self.delta)
        span = _("{test}: {first} → {latest} since {day}").format(
            test=self.label,
            first=test.value_text(self.first.value),
            latest=test.value_text(self.latest.value),
            day=format_day(self.first.measured_on),
        )
        mdc = test.value_text(test.mdc)
        if self.verdict == "within measurement error":
            said = _("{span} ({moved}): within measurement error (smaller than {mdc}).")
            return said.format(span=span, moved=moved, mdc=mdc)
        verdict = _("improved") if self.verdict == "improved" else _("declined")
        said = _("{span} ({moved}): {verdict}, beyond the {mdc} measurement error.")
        return said.format(span=span, moved=moved, verdict=verdict, mdc=mdc)

    @property
    def label(self) -> str:
        """The test and side."""
        return self.first.label


def changes(measurements: Iterable[Measurement]) -> tuple[Change, ...]:
    """For every test and side measured at least twice, the change from first to latest."""
    return tuple(
        Change(group[0], group[-1]) for group in series(measurements).values() if len(group) > 1
    )
