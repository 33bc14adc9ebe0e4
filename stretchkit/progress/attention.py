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

from stretchkit.i18n import N_, _, ngettext
from stretchkit.i18n.formatting import format_day
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
        return Concern("not-screened", _("not screened yet"))
    state = validity(facts.screened_on, today, facts.health_changed_on, facts.screening_ends)
    ending = state.ending
    if state.state == "health-changed":
        said = _("health changed since the screening: re-screen first")
        return Concern("health-changed", said)
    if state.state == "pregnancy-moved-on":
        return Concern("screening-expired", ending.rescreen)
    if state.state == "expired":
        day = format_day(state.expires_on)
        if ending.cause == "twelve-months":
            said = _("screening expired on {day}").format(day=day)
        else:
            said = _("screening expired on {day} ({reason})").format(day=day, reason=ending.reason)
        return Concern("screening-expired", said)
    if (state.expires_on - today).days <= DUE_SOON_DAYS:
        return Concern("screening-due", ending.rescreen)
    return None


_PAINFUL = re.compile(r"(\d+)/10 in ")
_SOME_SYMPTOM = N_("pain, numbness, tingling or weakness")
_FLAG_WORDS: dict[str, str] = {
    "numbness-tingling": N_("numbness or tingling"),
    "sharp-pain": N_("sharp pain"),
    "weakness": N_("weakness"),
}
"""Each session flag as a concern says it (a flag's note, stored in English, begins with its
FLAG_TEXT)."""
_SYMPTOM_WORDS = (N_("pain"), N_("numbness or tingling"), N_("weakness"))
"""The symptoms a report names, as the store hands them (SYMPTOM_TEXT in lower case): the
concern says them in the reader's language."""


def flag_words(note: str) -> str:
    """What a session flag's note says happened, in the reader's language: 'sharp pain',
    'weakness', 'numbness or tingling' or 'a 9/10 (painful) rating'."""
    if note.startswith(FLAG_TEXT["painful"]):
        rated = _PAINFUL.search(note)
        rating = rated.group(1) if rated else "9-10"
        return _("a {rating}/10 (painful) rating").format(rating=rating)
    named = [kind for kind, text in FLAG_TEXT.items() if note.startswith(text)]
    return _(_FLAG_WORDS.get(named[0], _SOME_SYMPTOM)) if named else _(_SOME_SYMPTOM)


def _flag(facts: ClientFacts, today: date) -> Concern | None:
    if facts.last_flag is None or (today - facts.last_flag).days > FLAG_DAYS:
        return None
    what = facts.last_flag_what or _(_SOME_SYMPTOM)
    if facts.last_flag_at_home:
        said = _("{what} during a home session on {day}")
    else:
        said = _("{what} in the session of {day}")
    said = said.format(what=what, day=format_day(facts.last_flag))
    if facts.flag_settled:
        return Concern("settled", f"{said}, {facts.flag_settled}")
    return Concern("pain-flag", said)


def _reported(facts: ClientFacts, today: date) -> Concern | None:
    day = facts.symptoms_reported_on
    if day is None or not facts.symptoms_reported or (today - day).days > FLAG_DAYS:
        return None
    what = ", ".join(_(symptom) for symptom in facts.symptoms_reported)
    if facts.symptoms_reported_by == "client":
        said = _("{what} reported by the client on {day}")
    else:
        said = _("{what} reported by the trainer on {day}")
    said = said.format(what=what, day=format_day(day))
    if facts.report_settled:
        return Concern("settled", f"{said}, {facts.report_settled}")
    needs = _(
        "{reported}, during or after stretching: re-screen, and numbness, tingling or "
        "weakness needs written clearance dated since"
    )
    return Concern("symptoms-reported", needs.format(reported=said))


def _pain(facts: ClientFacts, today: date, threshold: int) -> Concern | None:
    day, pain = facts.worst_pain_on, facts.worst_pain
    if day is None or pain is None or pain <= threshold or (today - day).days > FLAG_DAYS:
        return None
    said = _("back pain rated {pain}/10 on {day} (above {threshold})")
    return Concern("high-pain", said.format(pain=pain, day=format_day(day), threshold=threshold))


def _lapse(facts: ClientFacts, today: date) -> Concern | None:
    if facts.planned_per_week is None:
        return None
    if facts.last_session is None:
        return Concern("no-recent-session", _("no session yet"))
    days = (today - facts.last_session).days
    if days < LAPSE_DAYS:
        return None
    said = ngettext("no session for %(num)d day", "no session for %(num)d days", days)
    return Concern("no-recent-session", said % {"num": days})


def _adherence(facts: ClientFacts, today: date) -> Concern | None:
    first, _last = adherence_window(today)
    if not facts.planned_per_week or facts.plan_since is None or facts.plan_since > first:
        return None  # a plan younger than the window cannot be judged yet
    planned = facts.planned_per_week * ADHERENCE_WEEKS
    if facts.recent_sessions >= ADHERENCE_FLOOR * planned:
        return None
    said = ngettext(
        "{done} of %(num)d planned session in the last {weeks} weeks",
        "{done} of %(num)d planned sessions in the last {weeks} weeks",
        planned,
    )
    done = facts.recent_sessions
    return Concern(
        "low-adherence", (said % {"num": planned}).format(done=done, weeks=ADHERENCE_WEEKS)
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
