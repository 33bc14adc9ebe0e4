"""What each progress chart shows, in words: the text alternative read by a screen reader
instead of the picture ("Seated rotation, left: 20 s in March to 35 s now, target 35 s").

The same figures the charts draw, so a client who cannot see a chart is told the same story.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from stretchkit.catalog import Catalog
from stretchkit.catalog.translations import catalog_text
from stretchkit.i18n import _, ngettext, pgettext
from stretchkit.i18n.formatting import format_month, format_number
from stretchkit.plurals import counted
from stretchkit.progress.back_feel import BackRating, FeelWeek, feel_change
from stretchkit.progress.outcomes import Measurement, changes
from stretchkit.progress.weekly import HoldWeek, Progress

__all__ = [
    "adherence_text",
    "dose_text",
    "feel_text",
    "hold_text",
    "mean_holds",
    "outcome_text",
]


def _month(day: date) -> str:
    return format_month(day)


def _seconds(value: float) -> str:
    """A mean hold as a listener hears it: to a tenth of a second at most."""
    return f"{format_number(value)} s"


def _series_text(name: str, weeks: Sequence[HoldWeek | None]) -> str | None:
    logged = [h for h in weeks if h is not None]
    if not logged:
        return None
    return _completed_text(name, logged) + _cut_text(logged)


def _completed_text(name: str, logged: Sequence[HoldWeek]) -> str:
    """The mean completed hold from the first week to now, against the latest target."""
    held = [h for h in logged if h.mean_held_s is not None]
    if not held:
        said = _("{stretch}: no hold completed yet, target {target} s")
        return said.format(stretch=name, target=logged[-1].target_s)
    first, last = held[0], held[-1]
    assert first.mean_held_s is not None and last.mean_held_s is not None
    if first is last:
        said = _("{stretch}: {held} in {month}, target {target} s")
        return said.format(
            stretch=name,
            held=_seconds(last.mean_held_s),
            month=_month(last.week),
            target=last.target_s,
        )
    said = _("{stretch}: {first} in {month} to {latest} now, target {target} s")
    return said.format(
        stretch=name,
        first=_seconds(first.mean_held_s),
        month=_month(first.week),
        latest=_seconds(last.mean_held_s),
        target=last.target_s,
    )


def _cut_text(logged: Sequence[HoldWeek]) -> str:
    """'; 2 holds cut short (hollow markers) are not counted', or '' when none was."""
    cut = sum(h.cut_short for h in logged)
    if not cut:
        return ""
    said = ngettext(
        "{holds} cut short (hollow marker) is not counted",
        "{holds} cut short (hollow markers) are not counted",
        cut,
    )
    return "; " + said.format(holds=counted(cut, "hold"))


def hold_text(progress: Progress, catalog: Catalog, stretch_ids: Sequence[str] = ()) -> str:
    """'Hold duration over weeks. Seated rotation, left: 20 s in March 2026 to 35 s now,
    target 35 s. ...' for each stretch and side the chart draws: the mean of completed holds,
    and how many holds were cut short (drawn hollow, not counted)."""
    wanted = list(stretch_ids) or list(dict.fromkeys(k[0] for k in progress.keys))
    parts = []
    for stretch_id, side in progress.keys:
        if stretch_id in wanted:
            side_text = pgettext("side", side) if side else ""
            name = catalog_text(catalog.stretch(stretch_id).name)
            name += f", {side_text}" if side_text else ""
            parts.append(_series_text(name, progress.series(stretch_id, side)))
    told = [p for p in parts if p]
    flags = len(progress.flag_weeks())
    if flags:
        told.append(_("{weeks} with a pain flag").format(weeks=counted(flags, "week")))
    said = ". ".join(told) or _("No holds logged yet")
    return _("Hold duration over weeks.") + " " + said + "."


def adherence_text(progress: Progress) -> str:
    """'Sessions per week: 40 of 48 planned sessions done over 16 weeks; the plan was met in
    12 of them.'"""
    weeks = progress.weeks
    planned = sum(w.planned or 0 for w in weeks)
    done = sum(w.sessions for w in weeks)
    met = sum(1 for w in weeks if w.planned and not w.below_plan)
    count = counted(len(weeks), "week")
    if not planned:
        said = _("Sessions per week: {sessions} done over {weeks}.")
        return said.format(sessions=counted(done, "session"), weeks=count)
    said = _(
        "Sessions per week: {done} of {planned} done over {weeks}; "
        "the plan was met in {met} of them."
    )
    return said.format(done=done, planned=counted(planned, "planned session"), weeks=count, met=met)


def dose_text(progress: Progress) -> str:
    """'Weekly stretch dose: 180 s per stretch and side in the latest week with holds, against
    ACSM's about 60 s on 2 or more days (120 s).'"""
    guide = progress.guidance
    dose = [d for d in progress.dose() if d is not None]
    against = _(
        "against about {per_session} s on {days} or more days a week ({weekly} s, {source})"
    ).format(
        per_session=guide.per_session_s, days=guide.days, weekly=guide.weekly_s, source=guide.source
    )
    if not dose:
        return _("Weekly stretch dose: no holds yet, {against}.").format(against=against)
    said = _(
        "Weekly stretch dose: {dose} s per stretch and side in the latest week with holds, "
        "{against}."
    )
    return said.format(dose=format_number(dose[-1], digits=0), against=against)


def outcome_text(measurements: Sequence[Measurement]) -> str:
    """Each field test's change from the first result to the latest, with its verdict."""
    if not measurements:
        return _("Field tests: none recorded yet.")
    moved = [c.text for c in changes(measurements)]
    if moved:
        return _("Field tests.") + " " + " ".join(moved)
    latest = {m.label: m for m in measurements}
    return _("Field tests.") + " " + "; ".join(m.text for m in latest.values()) + "."


def mean_holds(progress: Progress) -> tuple[float | None, ...]:
    """Each week's mean completed hold over every stretch and side held that week (None: no
    hold completed)."""
    out = []
    for index in range(len(progress.weeks)):
        held = [
            h.mean_held_s
            for key in progress.keys
            if (h := progress.series(*key)[index]) is not None and h.mean_held_s is not None
        ]
        out.append(round(sum(held) / len(held), 1) if held else None)
    return tuple(out)


def feel_text(progress: Progress, weeks: Sequence[FeelWeek], ratings: Sequence[BackRating]) -> str:
    """How the back felt beside how long the holds were: each measure's change with its
    verdict against the 2-point MCID, and the mean hold's first and latest week."""
    if not weeks:
        return _("How the back feels: no rating yet.")
    told = []
    for measure in ("stiffness", "pain"):
        change = feel_change(ratings, measure)
        if change is not None:
            told.append(change.text)
    if not told:
        last = weeks[-1]
        said = _("Back stiffness {stiffness}/10, back pain {pain}/10.")
        told.append(
            said.format(stiffness=format_number(last.stiffness), pain=format_number(last.pain))
        )
    held = [(w.start, h) for w, h in zip(progress.weeks, mean_holds(progress), strict=True) if h]
    if len(held) > 1:
        (first_week, first), (_last_week, last_held) = held[0], held[-1]
        said = _("Mean hold: {first} in {month} to {latest} now.")
        told.append(
            said.format(first=_seconds(first), month=_month(first_week), latest=_seconds(last_held))
        )
    return _("How the back feels beside hold duration.") + " " + " ".join(told)
