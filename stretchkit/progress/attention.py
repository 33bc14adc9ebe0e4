"""Which clients need the trainer's attention today, and why, across the whole studio.

A client is listed for a recent pain flag, pain, numbness, tingling or weakness reported after
a session (by the client on their dashboard or by the trainer), a back pain rating above the
trainer's threshold in the last four weeks, a screening that is missing, expired, due soon or
ended by a change in health (a screening ends 12 months after it was taken, or earlier: when a
clearance it relies on ends, or when a pregnancy reaches its next trimester), no session for a
week or more, or under three quarters of the planned sessions in the last four full weeks. The
most urgent concerns come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from stretchkit.plurals import counted
from stretchkit.progress.back_feel import PAIN_THRESHOLD
from stretchkit.screening import Ending, validity
from stretchkit.session.log import FLAG_TEXT

__all__ = [
    "ADHERENCE_FLOOR",
    "ADHERENCE_WEEKS",
    "DUE_SOON_DAYS",
    "FLAG_DAYS",
    "LAPSE_DAYS",
    "Attention",
    "ClientFacts",
    "Concern",
    "adherence_window",
    "concerns_of",
    "flag_words",
    "needs_attention",
]

LAPSE_DAYS = 7
"""A client with no session for this many days or more is listed."""
DUE_SOON_DAYS = 30
"""A screening that ends within this many days is 'due'."""
FLAG_DAYS = 28
"""A pain flag stays on the list for four weeks."""
ADHERENCE_WEEKS = 4
"""Adherence is judged over the last four full weeks."""
ADHERENCE_FLOOR = 0.75
"""Below three quarters of the planned sessions is listed (one missed session is not)."""

Kind = Literal[
    "pain-flag",
    "symptoms-reported",
    "high-pain",
    "health-changed",
    "not-screened",
    "screening-expired",
    "screening-due",
    "no-recent-session",
    "low-adherence",
    "settled",
]
_URGENCY: tuple[Kind, ...] = (
    "pain-flag",
    "symptoms-reported",
    "high-pain",
    "health-changed",
    "screening-expired",
    "not-screened",
    "no-recent-session",
    "low-adherence",
    "screening-due",
    "settled",
)


@dataclass(frozen=True)
class ClientFacts:
    """What the attention list needs to know about one client, as of one day."""

    client_id: int
    name: str
    screened_on: date | None = None
    screening_ends: Ending | None = None
    """When and why the latest screening ends (`screening_ends` of its intake); None means 12
    months after `screened_on`."""
    health_changed_on: date | None = None
    last_session: date | None = None
    last_flag: date | None = None
    last_flag_at_home: bool = False
    """Whether that flag came from a home session (the client's own dashboard)."""
    last_flag_what: str = ""
    """What was flagged, in words (`flag_words` of its note); '' when not known."""
    flag_settled: str = ""
    """How a later screening settled that flag ('cleared by Dr Lee on 2026-12-06'); '' while
    it stands."""
    planned_per_week: int | None = None
    recent_sessions: int = 0
    """Sessions done in the last ADHERENCE_WEEKS full weeks."""
    plan_since: date | None = None
    """When the current routine was saved."""
    worst_pain: int | None = None
    """The highest back pain rating of the last FLAG_DAYS days (the latest such if tied)."""
    worst_pain_on: date | None = None
    """The day it was given."""
    symptoms_reported: tuple[str, ...] = ()
    """What was last reported after a session, in words ('numbness or tingling', 'weakness')."""
    symptoms_reported_on: date | None = None
    """The day it was reported."""
    symptoms_reported_by: str = ""
    """Who reported it: 'client' or 'trainer'."""
    report_settled: str = ""
    """How a later screening settled that report; '' while it stands."""


@dataclass(frozen=True)
class Concern:
    """One reason to look at a client, in plain words."""

    kind: Kind
    text: str

    @property
    def urgency(self) -> int:
        """0 is the most urgent."""
        return _URGENCY.index(self.kind)


@dataclass(frozen=True)
class Attention:
    """A client who needs attention, with every reason, most urgent first."""

    client_id: int
    name: str
    concerns: tuple[Concern, ...]

    @property
    def text(self) -> str:
        """'Robin Ashdown: pain flag on 2026-11-02; no session for 12 days'."""
        return f"{self.name}: " + "; ".join(c.text for c in self.concerns)


def adherence_window(today: date) -> tuple[date, date]:
    """The first and last day of the last ADHERENCE_WEEKS full ISO weeks before today's."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=ADHERENCE_WEEKS), this_monday - timedelta(days=1)


def _screening(facts: ClientFacts, today: date) -> Concern | None:
    if facts.screened_on is None:
        return Concern("not-screened", "not screened yet")
    state = validity(facts.screened_on, today, facts.health_changed_on, facts.screening_ends)
    ending = state.ending
    if state.state == "health-changed":
        return Concern("health-changed", "health changed since the screening: re-screen first")
    if state.state == "pregnancy-moved-on":
        return Concern("screening-expired", ending.rescreen)
    if state.state == "expired":
        why = "" if ending.cause == "twelve-months" else f" ({ending.reason})"
        return Concern("screening-expired", f"screening expired on {state.expires_on}{why}")
    if (state.expires_on - today).days <= DUE_SOON_DAYS:
        return Concern("screening-due", ending.rescreen)
    return None


_PAINFUL = re.compile(r"(\d+)/10 in ")


def flag_words(note: str) -> str:
    """What a session flag's note says happened: 'sharp pain', 'weakness', 'numbness or
    tingling' or 'a 9/10 (painful) rating'."""
    if note.startswith(FLAG_TEXT["painful"]):
        rated = _PAINFUL.search(note)
        return f"a {rated.group(1) if rated else '9-10'}/10 (painful) rating"
    named = [text for text in FLAG_TEXT.values() if note.startswith(text)]
    return named[0].lower() if named else "pain, numbness, tingling or weakness"


def _flag(facts: ClientFacts, today: date) -> Concern | None:
    if facts.last_flag is None or (today - facts.last_flag).days > FLAG_DAYS:
        return None
    what = facts.last_flag_what or "pain, numbness, tingling or weakness"
    where = "during a home session on" if facts.last_flag_at_home else "in the session of"
    said = f"{what} {where} {facts.last_flag}"
    if facts.flag_settled:
        return Concern("settled", f"{said}, {facts.flag_settled}")
    return Concern("pain-flag", said)


def _reported(facts: ClientFacts, today: date) -> Concern | None:
    day = facts.symptoms_reported_on
    if day is None or not facts.symptoms_reported or (today - day).days > FLAG_DAYS:
        return None
    what = ", ".join(facts.symptoms_reported)
    by = facts.symptoms_reported_by or "trainer"
    if facts.report_settled:
        said = f"{what} reported by the {by} on {day}, {facts.report_settled}"
        return Concern("settled", said)
    return Concern(
        "symptoms-reported",
        f"{what} reported by the {by} on {day}, during or after stretching: re-screen, and "
        "numbness, tingling or weakness needs written clearance dated since",
    )


def _pain(facts: ClientFacts, today: date, threshold: int) -> Concern | None:
    day, pain = facts.worst_pain_on, facts.worst_pain
    if day is None or pain is None or pain <= threshold or (today - day).days > FLAG_DAYS:
        return None
    return Concern("high-pain", f"back pain rated {pain}/10 on {day} (above {threshold})")


def _lapse(facts: ClientFacts, today: date) -> Concern | None:
    if facts.planned_per_week is None:
        return None
    if facts.last_session is None:
        return Concern("no-recent-session", "no session yet")
    days = (today - facts.last_session).days
    if days < LAPSE_DAYS:
        return None
    return Concern("no-recent-session", f"no session for {days} days")


def _adherence(facts: ClientFacts, today: date) -> Concern | None:
    first, _ = adherence_window(today)
    if not facts.planned_per_week or facts.plan_since is None or facts.plan_since > first:
        return None  # a plan younger than the window cannot be judged yet
    planned = facts.planned_per_week * ADHERENCE_WEEKS
    if facts.recent_sessions >= ADHERENCE_FLOOR * planned:
        return None
    done = facts.recent_sessions
    return Concern(
        "low-adherence",
        f"{done} of {counted(planned, 'planned session')} in the last {ADHERENCE_WEEKS} weeks",
    )


def concerns_of(
    facts: ClientFacts, today: date, pain_threshold: int = PAIN_THRESHOLD
) -> tuple[Concern, ...]:
    """Every concern about one client today, most urgent first; a back pain rating above
    `pain_threshold` is one."""
    checks = (_flag, _reported, _screening, _lapse, _adherence)
    found = [check(facts, today) for check in checks]
    found.append(_pain(facts, today, pain_threshold))
    return tuple(sorted((c for c in found if c is not None), key=lambda c: c.urgency))


def needs_attention(
    clients: Iterable[ClientFacts], today: date, pain_threshold: int = PAIN_THRESHOLD
) -> tuple[Attention, ...]:
    """The clients with at least one concern: the most urgent first, then by name."""
    listed = []
    for facts in clients:
        found = concerns_of(facts, today, pain_threshold)
        if found:
            listed.append(Attention(facts.client_id, facts.name, found))
    return tuple(sorted(listed, key=lambda a: (a.concerns[0].urgency, a.name.casefold())))
