"""Weekly progress: a client's logged holds summed up by ISO week, stretch and side.

Only completed holds (held to their target, a second short allowed: the timer rounds) make
the mean and the best hold: a hold stopped or skipped part-way is not progress, so it is
counted apart (`cut_short`, `mean_cut_s`) and drawn apart. The seconds held and the dose
count every second actually held.

Every week from the first plan or session to today is present, so adherence can be read week
by week; a week without sessions has no hold figures at all (a gap, never a zero hold), and
charts break their lines there.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple, TypeVar

from stretchkit.catalog import Catalog
from stretchkit.planning.dose import week_of
from stretchkit.planning.prescription import Side
from stretchkit.progress.history import History, PlanPeriod, SessionRecord

__all__ = [
    "DoseGuidance",
    "HoldFacts",
    "HoldWeek",
    "Progress",
    "SessionFacts",
    "SessionTotals",
    "Week",
    "dose_guidance",
    "iso_week_label",
    "sensation_trend",
    "weekly_from_facts",
    "weekly_progress",
    "weeks_from_totals",
]

SeriesKey = tuple[str, Side]


@dataclass(frozen=True)
class DoseGuidance:
    """ACSM's flexibility dose: about this many seconds per stretch per session, on at least
    this many days a week, which makes the weekly seconds per stretch (per side)."""

    per_session_s: int
    days: int
    source: str

    @property
    def weekly_s(self) -> int:
        """The least suggested seconds per stretch (per side) in a week."""
        return self.per_session_s * self.days


def dose_guidance(catalog: Catalog) -> DoseGuidance:
    """The weekly dose guidance from the catalog's ACSM guidelines."""
    total = catalog.guideline("acsm-total-per-stretch")
    frequency = catalog.guideline("acsm-frequency")
    ids = dict.fromkeys((*total.sources, *frequency.sources))
    source = "; ".join(catalog.sources[i].citation for i in ids)
    return DoseGuidance(int(total.low or 60), int(frequency.low or 2), source)


def iso_week_label(monday: date) -> str:
    """'2026-W07' for the ISO week starting on `monday`."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class HoldWeek:
    """One stretch on one side in one week: what was held against the target. The mean and
    best hold are those of the completed holds (None when every hold was cut short)."""

    week: date
    stretch_id: str
    side: Side
    holds: int
    mean_held_s: float | None
    best_held_s: int | None
    target_s: int
    total_held_s: int
    at_target: int
    mean_sensation: float | None
    flags: int
    mean_cut_s: float | None = None
    """The mean seconds of the holds cut short (None when none was)."""

    @property
    def cut_short(self) -> int:
        """Holds stopped or skipped before their target: not counted as progress."""
        return self.holds - self.at_target

    @property
    def key(self) -> SeriesKey:
        """The stretch and side this week belongs to."""
        return (self.stretch_id, self.side)


@dataclass(frozen=True)
class Week:
    """One ISO week of a client: sessions done against the plan, seconds held, flags."""

    start: date
    sessions: int
    planned: int | None
    holds: int
    held_s: int
    flags: int
    home_sessions: int = 0

    @property
    def label(self) -> str:
        """The ISO week, e.g. '2026-W07'."""
        return iso_week_label(self.start)

    @property
    def adherence(self) -> float | None:
        """Sessions done over sessions planned (None when nothing was planned)."""
        if not self.planned:
            return None
        return self.sessions / self.planned

    @property
    def below_plan(self) -> bool:
        """True when fewer sessions were done than planned."""
        return self.planned is not None and self.sessions < self.planned


@dataclass(frozen=True)
class Progress:
    """A client's weeks, oldest first, and the hold figures of the weeks that had holds."""

    weeks: tuple[Week, ...]
    holds: tuple[HoldWeek, ...]
    guidance: DoseGuidance
    plan_start: date | None = None
    """The day the client's first routine started (None when no routine was ever planned)."""

    @property
    def sessions(self) -> int:
        """Sessions done (with at least one hold), all weeks together."""
        return sum(w.sessions for w in self.weeks)

    def full_weeks(self, today: date) -> tuple[Week, ...]:
        """The weeks a routine was in force from Monday to Sunday, ended before `today`:
        the only weeks whose plan can be judged met or not."""
        if self.plan_start is None:
            return ()
        return tuple(
            w
            for w in self.weeks
            if w.start >= self.plan_start and w.start + timedelta(days=7) <= today
        )

    @property
    def keys(self) -> tuple[SeriesKey, ...]:
        """Every stretch and side logged, in the order first logged."""
        return tuple(dict.fromkeys(h.key for h in self.holds))

    def series(self, stretch_id: str, side: Side) -> tuple[HoldWeek | None, ...]:
        """One stretch and side, aligned with `weeks`: None where that week had no hold."""
        found = {h.week: h for h in self.holds if h.key == (stretch_id, side)}
        return tuple(found.get(w.start) for w in self.weeks)

    def streak(self, today: date) -> int:
        """Weeks in a row, back from the last full week (and this week once its plan is met),
        with every planned session done."""
        count = 0
        for week in reversed(self.weeks):
            current = week.start <= today < week.start + timedelta(days=7)
            if week.planned and week.sessions >= week.planned:
                count += 1
            elif not current:
                break
        return count

    def flag_weeks(self) -> tuple[date, ...]:
        """The weeks in which pain, numbness or tingling was reported."""
        return tuple(w.start for w in self.weeks if w.flags)

    @property
    def cut_short(self) -> int:
        """Holds stopped or skipped before their target, all weeks together."""
        return sum(h.cut_short for h in self.holds)

    def dose(self) -> tuple[float | None, ...]:
        """Per week, the mean seconds held per stretch and side (None in a week without
        holds), to compare with `guidance.weekly_s`."""
        per_week: dict[date, list[int]] = defaultdict(list)
        for h in self.holds:
            per_week[h.week].append(h.total_held_s)
        return tuple(
            sum(per_week[w.start]) / len(per_week[w.start]) if w.start in per_week else None
            for w in self.weeks
        )


def _planned(plans: Sequence[PlanPeriod], monday: date) -> int | None:
    """Days a week planned by the routine in force at the end of that week."""
    sunday = monday + timedelta(days=6)
    current = [p for p in plans if p.start <= sunday]
    return max(current, key=lambda p: p.start).days_per_week if current else None


def _week_range(first: date, last: date) -> list[date]:
    start, end = week_of(first)[0], week_of(last)[0]
    return [start + timedelta(weeks=i) for i in range((end - start).days // 7 + 1)]


class SessionFacts(NamedTuple):
    """What the weekly figures need of a session: when and where it ran, how it ended, and
    its holds as HoldFacts in the order logged."""

    started: datetime
    place: str
    status: str
    holds: Sequence[HoldFacts]


HoldFacts = tuple[str, Side, int, int, int | None, bool]
"""What the weekly figures need of a hold: stretch, side, target, seconds held, sensation
(or None) and whether it was flagged."""


class SessionTotals(NamedTuple):
    """What a week's figures need of a session: when and where it ran, how it ended, how
    many holds it logged, their seconds held together and whether any was flagged."""

    started: datetime
    place: str
    status: str
    holds: int
    held_s: int
    flagged: bool


_S = TypeVar("_S", SessionFacts, SessionTotals)


def _totals(session: SessionFacts) -> SessionTotals:
    holds = session.holds
    return SessionTotals(
        session.started,
        session.place,
        session.status,
        len(holds),
        sum(h[3] for h in holds),
        any(h[5] for h in holds),
    )


def _facts(session: SessionRecord) -> SessionFacts:
    holds = [
        (e.stretch_id, e.side, e.target_s, e.held_s, e.sensation, e.flagged)
        for e in (h.entry for h in session.holds)
    ]
    return SessionFacts(session.started, session.place, session.status, holds)


class _Tally:
    """One stretch and side in one week, summed up hold by hold."""

    __slots__ = (
        "at_target", "best", "count", "cut_total", "done_total", "flags", "rated", "sensation",
        "target", "total",
    )  # fmt: skip

    def __init__(self) -> None:
        self.count = self.total = self.best = self.target = self.at_target = 0
        self.done_total = self.cut_total = 0
        self.sensation = self.rated = self.flags = 0

    def add(self, target: int, held: int, sensation: int | None, flagged: bool) -> None:
        self.count += 1
        self.total += held
        self.target = target
        if held >= target - 1:  # HoldEntry.at_target: a completed hold
            self.at_target += 1
            self.done_total += held
            self.best = max(self.best, held)
        else:
            self.cut_total += held
        if sensation is not None:
            self.sensation += sensation
            self.rated += 1
        self.flags += flagged

    def week(self, monday: date, key: SeriesKey) -> HoldWeek:
        return HoldWeek(
            week=monday,
            stretch_id=key[0],
            side=key[1],
            holds=self.count,
            mean_held_s=self.done_total / self.at_target if self.at_target else None,
            best_held_s=self.best if self.at_target else None,
            target_s=self.target,
            total_held_s=self.total,
            at_target=self.at_target,
            mean_sensation=self.sensation / self.rated if self.rated else None,
            flags=self.flags,
            mean_cut_s=self.cut_total / cut if (cut := self.count - self.at_target) else None,
        )


def _summary(monday: date, sessions: Sequence[SessionTotals], planned: int | None) -> Week:
    done = [s for s in sessions if s.holds]
    return Week(
        start=monday,
        sessions=len(done),
        planned=planned,
        holds=sum(s.holds for s in done),
        held_s=sum(s.held_s for s in done),
        flags=sum(s.status == "flagged" or s.flagged for s in sessions),
        home_sessions=sum(s.place == "home" for s in done),
    )


def _hold_weeks(monday: date, sessions: Sequence[SessionFacts]) -> list[HoldWeek]:
    """The week's hold figures per stretch and side, in the order first logged, in one pass
    over its holds."""
    tallies: dict[SeriesKey, _Tally] = {}
    for s in sorted(sessions, key=lambda s: s.started):
        for stretch_id, side, target, held, sensation, flagged in s.holds:
            tally = tallies.get((stretch_id, side))
            if tally is None:
                tally = tallies[stretch_id, side] = _Tally()
            tally.add(target, held, sensation, flagged)
    return [tally.week(monday, key) for key, tally in tallies.items()]


def _weeks_of(
    sessions: Sequence[_S], plans: Sequence[PlanPeriod], today: date
) -> list[tuple[date, list[_S]]]:
    """Every ISO week from the first plan or session up to today's week (its Monday) with
    its sessions."""
    starts = [s.started.date() for s in sessions] + [p.start for p in plans]
    if not starts:
        return []
    by_week: dict[date, list[_S]] = defaultdict(list)
    for s in sessions:
        by_week[week_of(s.started.date())[0]].append(s)
    return [(m, by_week.get(m, [])) for m in _week_range(min(starts), max(today, *starts))]


def _plan_start(plans: Sequence[PlanPeriod]) -> date | None:
    return min((p.start for p in plans), default=None)


def weekly_from_facts(
    sessions: Sequence[SessionFacts],
    plans: Sequence[PlanPeriod],
    *,
    today: date,
    guidance: DoseGuidance,
) -> Progress:
    """`weekly_progress` from the sessions' bare facts (as the store reads them, oldest
    first), without building a History first."""
    weeks, holds = [], []
    for monday, in_week in _weeks_of(sessions, plans, today):
        weeks.append(_summary(monday, [_totals(s) for s in in_week], _planned(plans, monday)))
        holds.extend(_hold_weeks(monday, in_week))
    return Progress(tuple(weeks), tuple(holds), guidance, _plan_start(plans))


def weeks_from_totals(
    sessions: Sequence[SessionTotals],
    plans: Sequence[PlanPeriod],
    *,
    today: date,
    guidance: DoseGuidance,
) -> Progress:
    """The weeks `weekly_from_facts` gives, from each session's totals: no hold figures per
    stretch and side (`holds` is empty), which a progress summary does not need."""
    weeks = [
        _summary(monday, in_week, _planned(plans, monday))
        for monday, in_week in _weeks_of(sessions, plans, today)
    ]
    return Progress(tuple(weeks), (), guidance, _plan_start(plans))


def weekly_progress(
    history: History, plans: Sequence[PlanPeriod], *, today: date, guidance: DoseGuidance
) -> Progress:
    """Every ISO week from the first plan or session up to today's week, with hold figures
    per stretch and side in the weeks that had holds."""
    facts = [_facts(s) for s in history.sessions]
    return weekly_from_facts(facts, plans, today=today, guidance=guidance)


def sensation_trend(progress: Progress, stretch_id: str, side: Side) -> float | None:
    """How the mean sensation of one stretch and side moves per week (least-squares slope;
    negative means the stretch feels easier), or None with fewer than 3 rated weeks."""
    points = [
        (i, h.mean_sensation)
        for i, h in enumerate(progress.series(stretch_id, side))
        if h is not None and h.mean_sensation is not None
    ]
    if len(points) < 3:  # a trend needs three points
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return 0.0 if math.isclose(slope, 0.0, abs_tol=1e-12) else slope
