"""Months of believable stretching history for a synthetic client, the same for the same seed.

The simulated client keeps to the routine's days per week, misses some sessions and takes one
to three weeks off now and then. Each session runs along the timer's own timeline
(`planning.timeline`), logging every hold as it ends, and each session's targets are the ones
progression (`session.targets`) suggests from the holds logged before it: no rule is written
here a second time. A pain flag stops the session and a week or two off follows; progression
then brings the flagged stretch down a step.
Field tests every few weeks scatter, by the test's measurement error, around a true value
that improves slowly. At the start of each session the client rates their back's stiffness and
pain (0-10): stiffness eases as the comfortable hold grows, pain stays low and eases a little.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.errors import ValidationError
from stretchkit.planning.prescription import Side
from stretchkit.planning.routine import Routine
from stretchkit.planning.timeline import Phase, PhaseTimes, Timeline, session_timeline
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.history import History, HoldRecord, SessionRecord
from stretchkit.progress.outcomes import FIELD_TESTS, FieldTest, Measurement
from stretchkit.screening import expires_on
from stretchkit.session.log import HoldEntry, LoggedHold, Place, SessionStatus
from stretchkit.session.targets import (
    TOLERABLE,
    TOO_INTENSE,
    SessionResult,
    apply_suggestions,
    next_targets,
    results_by_stretch,
)

__all__ = [
    "DEMO_ZONE",
    "LATE_WEEKS",
    "DemoCalendar",
    "DemoProfile",
    "demo_calendar",
    "demo_history",
    "rescreen_days",
]

DEMO_ZONE = UTC
"""The fixed UTC offset of simulated sessions unless another is given."""
LATE_WEEKS = 5
"""How many of the last weeks `DemoProfile.late_adherence` applies to."""
PAIN_GAP_DAYS = (8, 15)
"""Days off after a pain flag, fewest and most."""
RESCREEN_AHEAD_DAYS = 21
"""A client who keeps coming is screened again from this many days before the screening ends."""
_WEEKS_WITHOUT_BREAK = 26
_HOURS = (7, 8, 12, 13, 17, 18, 19)
_CAPACITY_S_PER_MONTH = 2.0
"""Seconds a typical client's comfortable hold grows by each month of stretching."""
_Key = tuple[str, Side]


@dataclass(frozen=True)
class DemoProfile:
    """How a simulated client behaves: how often they come, how noisy their holds are,
    whether they drift off at the end or have a pain episode, and how fast they improve."""

    adherence: float = 0.85
    """Chance that each planned session of an ordinary week happens."""
    late_adherence: float | None = None
    """The chance in the last LATE_WEEKS weeks instead (None: unchanged)."""
    lapsed_days: int = 0
    """No session in this many last days."""
    holidays_per_year: float = 3.0
    """Breaks of 1-3 weeks a year (at least one every half year unless 0)."""
    noise: float = 1.0
    """How far holds and sensations stray from the expected (0: not at all, 1: typical)."""
    home_share: float = 0.15
    """Share of sessions run at home."""
    stop_share: float = 0.04
    """Share of sessions stopped early."""
    pain_days_before_end: int | None = None
    """The first session from this many days before the end is stopped by a pain flag."""
    gain: float = 0.2
    """How fast the true field test results improve at first: MDCs a month."""
    measure_every_weeks: int = 4
    """Weeks between field tests."""

    def __post_init__(self) -> None:
        shares = ("adherence", "home_share", "stop_share")
        for name in shares:
            _check(name, getattr(self, name), 0.0, 1.0)
        if self.late_adherence is not None:
            _check("late_adherence", self.late_adherence, 0.0, 1.0)
        _check("holidays_per_year", self.holidays_per_year, 0.0, 12.0)
        _check("noise", self.noise, 0.0, 3.0)
        _check("gain", self.gain, 0.0, 2.0)
        _check("lapsed_days", self.lapsed_days, 0, 3650)
        _check("measure_every_weeks", self.measure_every_weeks, 1, 52)
        if self.pain_days_before_end is not None:
            _check("pain_days_before_end", self.pain_days_before_end, 1, 3650)


def _check(field: str, value: float, low: float, high: float) -> None:
    """Refuse a setting outside its range, naming it."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValidationError(field, value, f"must be {low:g} to {high:g}")


@dataclass(frozen=True)
class DemoCalendar:
    """The days a simulated client comes, the Mondays of their weeks off, and the day of the
    session stopped by a pain flag (None without one)."""

    days: tuple[date, ...]
    breaks: frozenset[date]
    pain_day: date | None = None


def _weekdays(days_per_week: int, rng: random.Random) -> tuple[int, ...]:
    """The client's usual weekdays (0 = Monday), spread over the week."""
    offset = rng.randrange(7)
    return tuple(
        sorted({(offset + round(i * 7 / days_per_week)) % 7 for i in range(days_per_week)})
    )


def _mondays(start: date, end: date) -> list[date]:
    """The Monday of every week from the one holding `start` to the one before `end`."""
    monday = start - timedelta(days=start.weekday())
    return [monday + timedelta(weeks=n) for n in range(max(0, (end - monday).days + 6) // 7)]


def _breaks(mondays: Sequence[date], rng: random.Random, profile: DemoProfile) -> frozenset[date]:
    """Weeks off: breaks of 1-3 weeks, about `holidays_per_year` a year and at least one in
    every half year, never in the first weeks."""
    off: set[date] = set()
    left = since = 0
    for n, monday in enumerate(mondays):
        chance = rng.random() < profile.holidays_per_year / 52
        due = since >= _WEEKS_WITHOUT_BREAK and profile.holidays_per_year > 0
        if not left and n >= 3 and (chance or due):
            left = rng.randint(1, 3)
        if left:
            off.add(monday)
            left, since = left - 1, 0
        else:
            since += 1
    return frozenset(off)


def _week_days(
    monday: date, weekdays: Sequence[int], adherence: float, rng: random.Random
) -> list[date]:
    """The days the client comes in one week; a busy week halves the chance."""
    if rng.random() < 0.12:
        adherence /= 2
    days = []
    for weekday in weekdays:
        if rng.random() < adherence:
            shift = rng.choice((-1, 1)) if rng.random() < 0.15 else 0
            days.append(monday + timedelta(days=min(max(weekday + shift, 0), 6)))
    return days


def demo_calendar(
    days_per_week: int, *, start: date, end: date, rng_seed: int, profile: DemoProfile
) -> DemoCalendar:
    """The session days from `start` to the day before `end`: the usual weekdays kept as
    often as the profile says, nothing in weeks off, in the lapse or just after a pain flag."""
    rng = random.Random(f"{rng_seed}:calendar")
    weekdays = _weekdays(days_per_week, rng)
    mondays = _mondays(start, end)
    breaks = _breaks(mondays, random.Random(f"{rng_seed}:breaks"), profile)
    last = end - timedelta(days=profile.lapsed_days)
    late_from = end - timedelta(weeks=LATE_WEEKS)
    days: set[date] = set()
    for monday in mondays:
        if monday in breaks:
            continue
        late = profile.late_adherence is not None and monday >= late_from
        adherence = profile.late_adherence if late else profile.adherence
        week = _week_days(monday, weekdays, adherence or 0.0, rng)
        days.update(d for d in week if start <= d < last)
    pain = random.Random(f"{rng_seed}:pain")
    return _with_pain(sorted(days), breaks, start=start, end=end, profile=profile, rng=pain)


def _with_pain(
    days: list[date],
    breaks: frozenset[date],
    *,
    start: date,
    end: date,
    profile: DemoProfile,
    rng: random.Random,
) -> DemoCalendar:
    """The calendar with the pain episode: the first session from its day, then days off."""
    if profile.pain_days_before_end is None:
        return DemoCalendar(tuple(days), breaks)
    when = max(end - timedelta(days=profile.pain_days_before_end), start + timedelta(weeks=2))
    pain = next((d for d in days if d >= when), None)
    if pain is None:
        return DemoCalendar(tuple(days), breaks)
    back = pain + timedelta(days=rng.randint(*PAIN_GAP_DAYS))
    kept = tuple(d for d in days if d <= pain or d >= back)
    return DemoCalendar(kept, breaks, pain)


class _Progression:
    """The targets as the progression rules move them: each session's routine is the first
    routine with the targets `next_targets` suggests from every hold logged before it, and its
    timeline is the one the timer runs."""

    def __init__(self, routine: Routine, catalog: Catalog, times: PhaseTimes) -> None:
        self.routine = routine
        self.catalog = catalog
        self.times = times
        self.results: dict[_Key, list[SessionResult]] = defaultdict(list)
        self.logged = 0
        self._timelines: dict[tuple[int, ...], Timeline] = {}

    def timeline(self) -> Timeline:
        """The next session's timeline, with the targets the log suggests."""
        suggestions = next_targets(self.routine, self.results)
        key = tuple(s.suggested_s for s in suggestions)
        if key not in self._timelines:
            routine = apply_suggestions(self.routine, suggestions)
            planned = routine.planned()
            timeline = session_timeline(planned, self.catalog, routine.warm_up_min, self.times)
            self._timelines[key] = timeline
        return self._timelines[key]

    def log(self, session: SessionRecord) -> None:
        """Add a session's holds to the log the next targets come from."""
        holds = [
            LoggedHold(n, self.logged, hold.logged, hold.entry)
            for n, hold in enumerate(session.holds)
        ]
        for key, results in results_by_stretch(holds).items():
            self.results[key].extend(results)
        self.logged += 1


class _Client:
    """A simulated client running sessions: the random draws and how long a hold they take
    comfortably (it grows with the months)."""

    def __init__(
        self,
        routine: Routine,
        rng: random.Random,
        profile: DemoProfile,
        *,
        start: date,
        zone: tzinfo,
    ) -> None:
        self.rng = rng
        self.profile = profile
        self.bounds = {item.stretch_id: item.prescription.bounds for item in routine.items}
        self.hour = rng.choice(_HOURS)
        self.calm = rng.uniform(2.0, 3.2)
        self.headroom_s = rng.uniform(0.0, 6.0)
        self.growth_s = _CAPACITY_S_PER_MONTH * rng.uniform(0.6, 1.4)
        self.start = start
        self.zone = zone
        self.months = 0.0
        self.stiffness = rng.uniform(5.5, 7.5)
        self.pain = rng.uniform(1.5, 4.0)

    def session(self, day: date, pain: bool, timeline: Timeline) -> SessionRecord:
        """One session on a day, run along the timeline: all holds, cut short when stopped
        or flagged."""
        rng = self.rng
        holds = len(timeline.holds())
        self.months = (day - self.start).days / 30.4
        status: SessionStatus = "completed"
        note = ""
        if pain:
            holds = rng.randrange(holds) + 1
            status = "flagged"
            stretch = timeline.holds()[holds - 1].stretch_id.replace("-", " ")
            note = f"Sharp pain during the {stretch}: stopped, referred."
        elif holds > 1 and rng.random() < self.profile.stop_share:
            holds = rng.randrange(1, holds)
            status, note = "stopped", "Stopped early: the client was short of time."
        started = self._start(day)
        logged, ended = self._holds(started, timeline, holds, pain)
        ended += timedelta(seconds=rng.randint(20, 90))
        place: Place = "home" if rng.random() < self.profile.home_share else "studio"
        return SessionRecord(started, place, status, ended, note, logged)

    def rating(self, session: SessionRecord) -> BackRating:
        """How the back feels as the session starts: stiffness eases by about a point for
        each 5 s the comfortable hold has grown (at most 4 points, never below 1), pain a
        little."""
        eased = min(4.0, self.growth_s * self.months / 5)
        noise = self.profile.noise * 0.5
        stiffness = max(1.0, self.stiffness - eased + self.rng.gauss(0.0, noise))
        pain = self.pain - eased / 4 + self.rng.gauss(0.0, noise)
        return BackRating(session.started, _score(stiffness), _score(pain), session.place)

    def _start(self, day: date) -> datetime:
        rng = self.rng
        hour = self.hour if rng.random() < 0.8 else rng.choice(_HOURS)
        minute, second = rng.choice((0, 15, 30, 45)) + rng.randrange(5), rng.randrange(60)
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=self.zone)

    def _holds(
        self, started: datetime, timeline: Timeline, count: int, pain: bool
    ) -> tuple[tuple[HoldRecord, ...], datetime]:
        """The first `count` holds, each logged a few seconds after it ends, every other phase
        taking its time; and when the release after the last of them ends."""
        mood = self.rng.gauss(0.0, 0.6) * self.profile.noise
        draw = self.rng.random
        at = 0
        out: list[HoldRecord] = []
        for phase in timeline.phases:
            if phase.kind != "hold":
                at += phase.duration_s
                if len(out) == count:
                    break
                continue
            flagged = pain and len(out) == count - 1
            entry = self._flagged(phase) if flagged else self._hold(phase, mood)
            at += entry.held_s + 1 + int(draw() * 4)
            out.append(HoldRecord(started + timedelta(seconds=at), entry))
        return tuple(out), started + timedelta(seconds=at)

    def _hold(self, phase: Phase, mood: float) -> HoldEntry:
        """A hold near its target, rated mostly 2-6: holds beyond what the client takes
        comfortably feel stronger and fall short more often."""
        rng, noise = self.rng, self.profile.noise
        target, bounds = phase.duration_s, self.bounds[phase.stretch_id]
        comfortable = bounds.min_s + self.headroom_s + self.growth_s * self.months
        strain = min(max((target - comfortable) / 5, -1.0), 2.0)
        held = self._held(target, strain, bounds.max_s)
        sensation = None
        if rng.random() >= 0.02 * noise:
            felt = rng.gauss(self.calm + 1.5 + 1.5 * strain + mood, 0.8 * noise)
            sensation = min(max(round(felt), 1), TOLERABLE + 1)
        return HoldEntry(
            phase.stretch_id, phase.side, phase.rep, phase.reps, target, held, sensation
        )

    def _held(self, target: int, strain: float, high: int) -> int:
        """Mostly the target; sometimes a few seconds short; rarely far short."""
        rng = self.rng
        short = (0.04 + 0.05 * max(strain, 0.0)) * self.profile.noise
        draw = rng.random()
        if draw < short * 0.2:
            return int(target * rng.uniform(0.4, 1.0))
        if draw < short:
            return max(0, target - rng.randint(2, 5))
        if draw < short + 0.1 * self.profile.noise:
            return min(target + rng.choice((-1, 1)), high)
        return target

    def _flagged(self, phase: Phase) -> HoldEntry:
        """The hold stopped for pain: short, rated 8-9, flagged."""
        target = phase.duration_s
        held = int(target * self.rng.uniform(0.2, 0.7))
        sensation = self.rng.randint(TOO_INTENSE, TOO_INTENSE + 1)
        return HoldEntry(
            phase.stretch_id, phase.side, phase.rep, phase.reps, target, held, sensation, True
        )


def demo_history(
    routine: Routine,
    *,
    start: date,
    end: date,
    rng_seed: int,
    profile: DemoProfile,
    zone: tzinfo = DEMO_ZONE,
    catalog: Catalog | None = None,
    times: PhaseTimes | None = None,
) -> History:
    """A simulated client's sessions with this routine from `start` to the day before `end`
    (local times at the fixed offset `zone`), run along the timer's timeline with the targets
    progression suggests, and their field tests every few weeks; the same seed gives the same
    history."""
    if not routine.items:
        return History()
    calendar = demo_calendar(
        routine.days_per_week, start=start, end=end, rng_seed=rng_seed, profile=profile
    )
    rng = random.Random(f"{rng_seed}:sessions")
    client = _Client(routine, rng, profile, start=start, zone=zone)
    progression = _Progression(routine, catalog or default_catalog(), times or PhaseTimes())
    sessions, ratings = [], []
    for day in calendar.days:
        session = client.session(day, day == calendar.pain_day, progression.timeline())
        ratings.append(client.rating(session))
        progression.log(session)
        sessions.append(session)
    measured = _measurements(calendar.days, profile, rng_seed)
    return History(tuple(sessions), measured, tuple(ratings))


def _score(value: float) -> int:
    """A rating on the 0-10 scale."""
    return min(max(round(value), 0), 10)


_BASELINES = {"sit-and-reach": (8.0, 7.0), "thoracic-rotation": (42.0, 6.0)}
"""Mean and spread of a first result, per test, for adults new to stretching."""


def _measure_days(days: Sequence[date], every_weeks: int) -> list[date]:
    """The first session day, then the first session day about `every_weeks` weeks later."""
    out: list[date] = []
    for day in days:
        if not out or (day - out[-1]).days >= every_weeks * 7 - 2:
            out.append(day)
    return out


def _reading(test: FieldTest, true_value: float, rng: random.Random) -> float:
    """A measured value: the true one plus measurement error, rounded as it is read."""
    error = test.mdc / (1.96 * math.sqrt(2))
    value = true_value + rng.gauss(0.0, error)
    step = 0.5 if test.unit == "cm" else 1.0
    return float(min(max(round(value / step) * step, test.low), test.high))


def _series(
    test: FieldTest, side: Side, when: Sequence[date], base: float, *, gain: float, seed: str
) -> list[Measurement]:
    """One test and side on each day: a true value that improves by `gain` MDCs a month at
    first, then more slowly, read with the test's measurement error."""
    rng = random.Random(f"{seed}:{test.id}:{side}")
    start = base + rng.gauss(0.0, 3.0) if side == "right" else base
    out = []
    for day in when:
        months = (day - when[0]).days / 30.4
        true = start + gain * test.mdc * 12 * (1 - math.exp(-months / 12))
        out.append(Measurement(test.id, side, _reading(test, true, rng), day))
    return out


def _measurements(
    days: Sequence[date], profile: DemoProfile, rng_seed: int
) -> tuple[Measurement, ...]:
    """Field tests on session days every few weeks, around a slowly improving true value."""
    when = _measure_days(days, profile.measure_every_weeks)
    out = []
    for test in FIELD_TESTS:
        mean, spread = _BASELINES[test.id]
        base = random.Random(f"{rng_seed}:{test.id}").gauss(mean, spread)
        sides: Iterable[Side] = ("left", "right") if test.sided else ("",)
        for side in sides:
            out += _series(test, side, when, base, gain=profile.gain, seed=str(rng_seed))
    return tuple(sorted(out, key=lambda m: m.measured_on))


def rescreen_days(history: History, screened_on: date) -> tuple[date, ...]:
    """The days a client screened on `screened_on` is screened again: at the first session
    after a pain flag, and at the first session from three weeks before a screening ends."""
    out: list[date] = []
    last, waiting = screened_on, False
    for session in history.sessions:
        due = expires_on(last) - timedelta(days=RESCREEN_AHEAD_DAYS)
        if session.day > last and (waiting or session.day >= due):
            out.append(session.day)
            last, waiting = session.day, False
        waiting = waiting or session.flagged
    return tuple(out)
