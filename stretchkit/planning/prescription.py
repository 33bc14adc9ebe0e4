"""How long, how often and on which sides one client holds one stretch.

The safe hold range for a client starts from the stretch's article range and is adjusted from
the screening: longer holds (up to 60 s) for reduced flexibility (upper back article), 30-60 s
for adults of 65 and over (ACSM), and only the low end of the range for hypermobility
(stretchkit's own reading: the partner back article says only to be cautious to avoid
overstretching already loose joints). The first target sits at the low end of that range;
progression moves it up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from stretchkit.catalog import Catalog, HoldRange, RepRange, Stretch
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _, pgettext
from stretchkit.planning.read_back import (
    AGE_BASIS,
    ARTICLE_BASIS,
    HOLD_CHOOSE,
    HOLD_WHOLE_SECONDS,
    KEPT_RANGE,
    ONE_OF,
    RANGE_CHOOSE,
    REDUCED_FLEXIBILITY_BASIS,
    REPS,
    REST,
)
from stretchkit.screening.intake import Intake

__all__ = [
    "DEFAULT_REST_S",
    "HYPERMOBILITY_BASIS",
    "KEPT_RANGE_BASIS",
    "MAX_REST_S",
    "SIDES",
    "SIDE_TEXT",
    "Prescription",
    "SafeHold",
    "Side",
    "Target",
    "default_reps",
    "prescribe",
    "safe_hold",
]

Side = Literal["", "left", "right"]
SIDES: tuple[Side, ...] = ("", "left", "right")
SIDE_TEXT: dict[Side, str] = {"": "", "left": N_("left side"), "right": N_("right side")}
_SIDE_WORDS = (pgettext("side", "left"), pgettext("side", "right"))  # for the catalogue
PAIRED: tuple[Side, Side] = ("left", "right")
DEFAULT_REST_S = 10
"""Rest between holds. The articles give none; 10 s lets the client release slowly and reset."""
MAX_REST_S = 120
HYPERMOBILITY_BASIS = N_(
    "Hypermobility: holds at the low end of the range only (stretchkit's own reading: the "
    "partner back article says only to be cautious to avoid overstretching already loose joints)."
)
KEPT_RANGE_BASIS = KEPT_RANGE.english


@dataclass(frozen=True)
class SafeHold:
    """The hold range this client may be given for one stretch, and why."""

    range: HoldRange
    basis: tuple[str, ...]


def _extendable(stretch: Stretch, catalog: Catalog) -> bool:
    """Longer holds only apply to stretches held for the general 20-30 s or longer: the
    backbend's 10-20 s (with 'very small movements') keeps its article range."""
    general = catalog.guideline("hold-time").high or 30
    return stretch.hold.max_s >= general


def _article_basis(stretch: Stretch, catalog: Catalog) -> str:
    source = catalog.source_of(stretch).id.replace("-", " ")
    return ARTICLE_BASIS.format(range=stretch.hold.text, source=source)


def safe_hold(stretch: Stretch, intake: Intake | None, catalog: Catalog) -> SafeHold:
    """The hold range for this client: the article's, adjusted by the screening answers."""
    base = stretch.hold
    basis = [_article_basis(stretch, catalog)]
    if intake is None:
        return SafeHold(base, tuple(basis))
    if intake.hypermobility:
        basis.append(HYPERMOBILITY_BASIS)
        return SafeHold(HoldRange(base.min_s, base.min_s), tuple(basis))
    low, high = base.min_s, base.max_s
    older = intake.age >= (catalog.guideline("older-adult-age").low or 65)
    longer = older or intake.reduced_flexibility
    if longer and not _extendable(stretch, catalog):
        basis.append(KEPT_RANGE.format(range=base.text))
        return SafeHold(base, tuple(basis))
    if older:
        acsm = catalog.guideline("acsm-older-adult-hold")
        low, high = max(low, int(acsm.low or low)), max(high, int(acsm.high or high))
        basis.append(AGE_BASIS.format(age=intake.age, range=acsm.range_text))
    if intake.reduced_flexibility:
        longest = int(catalog.guideline("reduced-flexibility-hold").high or high)
        high = max(high, longest)
        basis.append(REDUCED_FLEXIBILITY_BASIS.format(seconds=longest))
    return SafeHold(HoldRange(low, high), tuple(basis))


@dataclass(frozen=True)
class Target:
    """The hold target on one side ('' for a stretch done once, not per side)."""

    side: Side
    hold_s: int


def _check_sides(targets: tuple[Target, ...], per_side: bool) -> None:
    sides = tuple(t.side for t in targets)
    expected: tuple[Side, ...] = PAIRED if per_side else ("",)
    if sides != expected:
        raise ValidationError("sides", sides, f"must be {expected} for this stretch")


@dataclass(frozen=True)
class Prescription:
    """Hold target per side, repetitions and rest for one stretch, within the safe range."""

    stretch_id: str
    targets: tuple[Target, ...]
    reps: int
    rep_range: RepRange
    bounds: HoldRange
    rest_s: int = DEFAULT_REST_S
    basis: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.stretch_id, str) or not self.stretch_id.strip():
            raise ValidationError("stretch", self.stretch_id, "must name a stretch")
        if not isinstance(self.targets, tuple) or not all(
            isinstance(t, Target) for t in self.targets
        ):
            raise ValidationError("sides", self.targets, "must be a hold target per side")
        if not isinstance(self.rep_range, RepRange):
            raise ValidationError(
                "repetition range", self.rep_range, "must be a range of repetitions"
            )
        if not isinstance(self.bounds, HoldRange):
            raise ValidationError("hold range", self.bounds, "must be a range of hold times")
        if not isinstance(self.basis, tuple) or not all(isinstance(b, str) for b in self.basis):
            raise ValidationError("basis", self.basis, "must be a list of texts")
        _check_sides(self.targets, len(self.targets) == len(PAIRED))
        for t in self.targets:
            self._check_hold(t.side, t.hold_s)
        if type(self.reps) is not int or not (
            self.rep_range.min_reps <= self.reps <= self.rep_range.max_reps
        ):
            raise ValidationError("reps", self.reps, REPS.format(range=self.rep_range.text))
        if type(self.rest_s) is not int or not 0 <= self.rest_s <= MAX_REST_S:
            raise ValidationError("rest", self.rest_s, REST.format(seconds=MAX_REST_S))

    def _check_hold(self, side: Side, hold_s: int) -> None:
        if type(hold_s) is not int or not self.bounds.min_s <= hold_s <= self.bounds.max_s:
            field = f"hold ({SIDE_TEXT[side]})" if side else "hold"
            raise ValidationError(field, hold_s, self._hold_advice(hold_s))

    def _hold_advice(self, hold_s: object) -> str:
        """'choose 20 s, as this client's safe range is 15-20 s': the nearest safe hold."""
        low, high = self.bounds.min_s, self.bounds.max_s
        if type(hold_s) is not int:
            return HOLD_WHOLE_SECONDS.format(range=self.bounds.text)
        nearest = min(max(hold_s, low), high)
        advice = HOLD_CHOOSE if low == high else RANGE_CHOOSE
        return advice.format(seconds=nearest, range=self.bounds.text)

    @property
    def per_side(self) -> bool:
        """True when the stretch is done on the left and on the right."""
        return self.targets[0].side != ""

    @property
    def sides(self) -> tuple[Side, ...]:
        """The sides in the order they are first done."""
        return tuple(t.side for t in self.targets)

    def hold_for(self, side: Side) -> int:
        """The target hold in seconds on one side."""
        return next(t.hold_s for t in self.targets if t.side == side)

    def total_hold_s(self, side: Side = "") -> int:
        """Seconds held on one side (or in all, unsided) over every repetition."""
        return self.hold_for(side or self.sides[0]) * self.reps

    @property
    def text(self) -> str:
        """Display form: '30 s x 3, each side' or 'left 30 s / right 25 s x 3'."""
        holds = {t.hold_s for t in self.targets}
        if len(holds) == 1:
            text = f"{holds.pop()} s x {self.reps}"
            return _("{dose}, each side").format(dose=text) if self.per_side else text
        sides = " / ".join(
            f"{pgettext('side', t.side) if t.side else ''} {t.hold_s} s".strip()
            for t in self.targets
        )
        return f"{sides} x {self.reps}"

    def with_hold(self, side: Side, hold_s: int) -> Prescription:
        """A copy with a new target on one side, refused outside the safe range."""
        if side not in self.sides:
            raise ValidationError("side", side, ONE_OF.format(choices=self.sides))
        self._check_hold(side, hold_s)
        targets = tuple(Target(t.side, hold_s) if t.side == side else t for t in self.targets)
        return replace(self, targets=targets)

    def with_reps(self, reps: int) -> Prescription:
        """A copy with another number of repetitions, refused outside the article's range."""
        return replace(self, reps=reps)


def default_reps(hold_s: int, reps: RepRange, total_s: float) -> int:
    """Enough repetitions to reach about `total_s` seconds, within the article's range."""
    wanted = math.ceil(total_s / hold_s)
    return min(max(wanted, reps.min_reps), reps.max_reps)


def prescribe(stretch: Stretch, intake: Intake | None, catalog: Catalog) -> Prescription:
    """A first prescription: low end of the safe range, reps to reach about 60 s (ACSM)."""
    safe = safe_hold(stretch, intake, catalog)
    hold = safe.range.min_s
    sides: tuple[Side, ...] = PAIRED if stretch.per_side else ("",)
    total = catalog.guideline("acsm-total-per-stretch").low or 60
    return Prescription(
        stretch_id=stretch.id,
        targets=tuple(Target(side, hold) for side in sides),
        reps=default_reps(hold, stretch.reps, total),
        rep_range=stretch.reps,
        bounds=safe.range,
        basis=safe.basis,
    )
