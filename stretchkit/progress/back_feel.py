"""How the client's back feels: stiffness and pain rated 0-10 on a numeric rating scale, at
the start of each session and on the dashboard once a week, judged against the scale's
minimal clinically important difference.

A change of less than 2 points between the first rating and the latest cannot be told apart
from the noise of rating twice: it is reported as "within measurement error", never as
progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, get_args

from stretchkit.catalog import Catalog
from stretchkit.errors import ValidationError
from stretchkit.i18n import N_, _, ngettext
from stretchkit.i18n.formatting import format_day

__all__ = [
    "FEEL_MEASURES",
    "MCID_CITATION",
    "MCID_CITED",
    "MCID_POINTS",
    "MCID_READING",
    "MCID_RULE",
    "MCID_SOURCE",
    "PAIN_THRESHOLD",
    "PAIN_THRESHOLD_SOURCE",
    "RATING_PLACES",
    "RATING_SCALE",
    "WEEKLY_DAYS",
    "BackRating",
    "FeelChange",
    "FeelMeasure",
    "FeelWeek",
    "RatingPlace",
    "feel_change",
    "feel_weeks",
    "pain_above",
    "rating_due",
    "too_painful_to_start",
]

RATING_SCALE = tuple(range(11))
"""The numeric rating scale: 0 (none) to 10 (the worst imaginable)."""
FeelMeasure = Literal["stiffness", "pain"]
FEEL_MEASURES: tuple[FeelMeasure, ...] = get_args(FeelMeasure)
RatingPlace = Literal["studio", "home", "dashboard"]
"""Where a rating was given: at the start of a studio or home session, or on the dashboard."""
RATING_PLACES: tuple[RatingPlace, ...] = get_args(RatingPlace)
MCID_POINTS = 2
"""The smallest change of a 0-10 rating that counts (minimal clinically important difference)."""
MCID_CITATION = (
    "Suzuki H, Aono S, Inoue S, et al. Clinically significant changes in pain along the Pain "
    "Intensity Numerical Rating Scale in patients with chronic low back pain. PLoS ONE "
    "2020;15(3):e0229228"
)
MCID_READING = N_(
    "minimal clinically important difference: 2 points; applied to stiffness as well: "
    "stretchkit's own reading"
)
"""What the cited article gives, and stretchkit's reading of it (shown translated)."""
MCID_SOURCE = (
    f"{MCID_CITATION} (minimal clinically important difference: 2 points); applied to "
    "stiffness as well: stretchkit's own reading"
)
PAIN_THRESHOLD = 7
"""A pain rating above this puts the client on the attention list, unless the trainer sets
another threshold."""
PAIN_THRESHOLD_SOURCE = N_("stretchkit's own default (the trainer may set another)")
WEEKLY_DAYS = 7
"""The dashboard asks again once the latest rating is this many days old: stretchkit's own
default (once a week)."""
_WORDS: dict[FeelMeasure, str] = {"stiffness": N_("Back stiffness"), "pain": N_("Back pain")}


def _check_score(field: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value not in RATING_SCALE:
        raise ValidationError(field, value, "must be a whole number from 0 to 10")


@dataclass(frozen=True)
class BackRating:
    """How the back felt at a moment: stiffness and pain, each 0-10, and where it was rated."""

    rated: datetime
    stiffness: int
    pain: int
    place: RatingPlace = "dashboard"

    def __post_init__(self) -> None:
        if not isinstance(self.rated, datetime) or self.rated.utcoffset() is None:
            raise ValidationError("rated", self.rated, "must be a date and time with its offset")
        _check_score("stiffness", self.stiffness)
        _check_score("pain", self.pain)
        if self.place not in RATING_PLACES:
            raise ValidationError("place", self.place, f"must be one of {', '.join(RATING_PLACES)}")

    @property
    def day(self) -> date:
        """The local day of the rating."""
        return self.rated.date()

    def score(self, measure: FeelMeasure) -> int:
        """The rating of stiffness or of pain."""
        return self.stiffness if measure == "stiffness" else self.pain


def _ordered(ratings: Iterable[BackRating]) -> list[BackRating]:
    return sorted(ratings, key=lambda r: r.rated)


MCID_CITED = "Suzuki et al., PLoS ONE 2020"
"""The paper behind the 2-point change, as the trainer's screens and text alternatives cite it."""
MCID_RULE = N_("a change of 2 points or more counts")


@dataclass(frozen=True)
class FeelChange:
    """How one measure moved from the first rating to the latest, judged against the MCID."""

    measure: FeelMeasure
    first: BackRating
    latest: BackRating

    @property
    def delta(self) -> int:
        """The latest rating minus the first (lower is better)."""
        return self.latest.score(self.measure) - self.first.score(self.measure)

    @property
    def verdict(self) -> Literal["less", "more", "within measurement error"]:
        """Less or more only when the change reaches the 2-point MCID."""
        if abs(self.delta) < MCID_POINTS:
            return "within measurement error"
        return "less" if self.delta < 0 else "more"

    @property
    def text(self) -> str:
        """'Back stiffness: 7/10 on 2 March 2026 to 3/10 now: 4 points less (Suzuki et al.,
        PLoS ONE 2020: a change of 2 points or more counts).'"""
        return self._said(f"{MCID_CITED}: {_(MCID_RULE)}")

    @property
    def client_text(self) -> str:
        """The change as the client's own page says it: no paper named ('... 4 points less (a
        change of 2 points or more counts).')."""
        return self._said(_(MCID_RULE))

    def _said(self, rule: str) -> str:
        first, latest = self.first.score(self.measure), self.latest.score(self.measure)
        since = format_day(self.first.day)
        span = _("{measure}: {first}/10 on {day} to {latest}/10 now").format(
            measure=_(_WORDS[self.measure]), first=first, day=since, latest=latest
        )
        if self.verdict == "within measurement error":
            return _("{span}: within measurement error ({rule}).").format(span=span, rule=rule)
        points = abs(self.delta)
        said = (
            ngettext("{points} point less", "{points} points less", points)
            if self.verdict == "less"
            else ngettext("{points} point more", "{points} points more", points)
        )
        return f"{span}: {said.format(points=points)} ({rule})."


def feel_change(ratings: Iterable[BackRating], measure: FeelMeasure) -> FeelChange | None:
    """The change of stiffness or pain from the first rating to the latest (None under two)."""
    ordered = _ordered(ratings)
    if len(ordered) < 2:
        return None
    return FeelChange(measure, ordered[0], ordered[-1])


@dataclass(frozen=True)
class FeelWeek:
    """The mean stiffness and pain of the ratings in one ISO week (from its Monday)."""

    week: date
    stiffness: float
    pain: float
    ratings: int


def feel_weeks(ratings: Iterable[BackRating]) -> tuple[FeelWeek, ...]:
    """The ratings' weekly means, oldest week first (weeks without a rating are left out)."""
    by_week: dict[date, list[BackRating]] = {}
    for r in _ordered(ratings):
        by_week.setdefault(r.day - timedelta(days=r.day.weekday()), []).append(r)
    return tuple(
        FeelWeek(week, _mean(g, "stiffness"), _mean(g, "pain"), len(g))
        for week, g in sorted(by_week.items())
    )


def _mean(group: Sequence[BackRating], measure: FeelMeasure) -> float:
    return round(sum(r.score(measure) for r in group) / len(group), 1)


def rating_due(ratings: Iterable[BackRating], today: date) -> bool:
    """True when the client has not rated their back in the last WEEKLY_DAYS days."""
    days = [r.day for r in ratings if r.day <= today]
    return not days or (today - max(days)).days >= WEEKLY_DAYS


def pain_above(rating: BackRating | None, threshold: int = PAIN_THRESHOLD) -> bool:
    """True when the rating's pain is above the trainer's threshold."""
    _check_score("pain threshold", threshold)
    return rating is not None and rating.pain > threshold


def too_painful_to_start(
    rating: BackRating | None, catalog: Catalog, threshold: int = PAIN_THRESHOLD
) -> str | None:
    """Why no session starts with the back rated this painful, or None when it may start.

    The articles avoid partner stretching with severe pain (the catalog's `severe-pain`
    contraindication); reading a pain rating above the threshold as severe pain is
    stretchkit's own default. The client at home and the trainer are told the same: no
    stretching today, and when to see a healthcare professional."""
    if rating is None or not pain_above(rating, threshold):
        return None
    rule = next(c for c in catalog.contraindications if c.condition == "severe-pain")
    who = "you" if rating.place in ("home", "dashboard") else "the client"
    see = (
        "tell your trainer, and see a healthcare professional"
        if who == "you"
        else "refer the client to a healthcare professional"
    )
    return (
        f"Back pain {rating.pain}/10 right now: no stretching today. Partner stretching is "
        f"avoided with severe pain (\u201c{rule.text}\u201d, {catalog.source_of(rule).citation}); "
        f"a pain rating above {threshold}/10 counts as severe pain here ({PAIN_THRESHOLD_SOURCE}). "
        f"If the pain persists or comes with numbness, tingling or weakness, {see}. The rating "
        "is saved. If it was tapped by mistake, tap the right number and press Start again."
    )
