"""Studio-wide facts for the attention list: a handful of grouped queries, not one per client."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select

from stretchkit.progress.attention import FLAG_DAYS, ClientFacts, adherence_window, flag_words
from stretchkit.screening import Ending, screening_ends
from stretchkit.screening.symptoms import (
    REPORT_SOURCES,
    SYMPTOM_TEXT,
    Screened,
    SymptomFlag,
    settled_text,
    symptoms_in,
)
from stretchkit.store.database import Database
from stretchkit.store.rows import local_day
from stretchkit.store.scope import scope_of
from stretchkit.store.screenings import read_intake
from stretchkit.store.sessions import FLAG_SOURCE
from stretchkit.store.tables import (
    back_ratings,
    client_links,
    clients,
    health_changes,
    holds,
    json_int,
    measurements,
    moment,
    routines,
    screenings,
    session_events,
    sessions,
)
from stretchkit.store.values import StoreTotals

__all__ = ["OverviewRepository"]


def _latest_screenings_query() -> Select[Any]:
    """Each client's latest screening (by date, then by order of entry)."""
    s, newer = screenings.alias("s"), screenings.alias("newer")
    latest_id = (
        select(newer.c.id)
        .where(newer.c.client_id == s.c.client_id)
        .order_by(newer.c.taken_on.desc(), newer.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(s.c.client_id, s.c.taken_on, s.c.created, s.c.id, s.c.intake).where(
        s.c.id == latest_id
    )


_LATEST_SCREENINGS = _latest_screenings_query()

_latest = _LATEST_SCREENINGS.subquery("latest")
_h = health_changes.c
_HEALTH_CHANGES = (
    select(_latest.c.client_id, func.max(_h.reported_on))
    .select_from(
        _latest.join(
            health_changes,
            and_(
                _h.client_id == _latest.c.client_id,
                or_(
                    _h.reported_on > _latest.c.taken_on,
                    and_(_h.reported_on == _latest.c.taken_on, _h.created > _latest.c.created),
                ),
            ),
        )
    )
    .group_by(_latest.c.client_id)
)
"""Each screened client's latest health change reported after their latest screening."""

_session_day = func.substr(sessions.c.started, 1, 10)


def _sessions_query(first: date, last: date) -> Select[Any]:
    """Each client's last day with a session that has holds, and how many such sessions fall
    within first..last. Both are looked up per client along the (client, start) index, so
    the cost grows with the clients and the window, not with years of sessions: a session's
    ISO start begins with its day, so the latest start holds the latest day, and the days
    first..last are the starts from `first` up to (not including) the day after `last`."""
    s = sessions.alias("s")
    with_holds = exists().where(holds.c.session_id == s.c.id)
    latest = (
        select(func.substr(s.c.started, 1, 10))
        .where(s.c.client_id == clients.c.id, with_holds)
        .order_by(s.c.started.desc())
        .limit(1)
        .scalar_subquery()
    )
    after = (last + timedelta(days=1)).isoformat()
    recent = (
        select(func.count())
        .select_from(s)
        .where(
            s.c.client_id == clients.c.id,
            s.c.started >= first.isoformat(),
            s.c.started < after,
            with_holds,
        )
        .scalar_subquery()
    )
    return select(clients.c.id, latest.label("last_day"), recent.label("recent")).where(
        latest.is_not(None)
    )


_FLAGS = (
    select(sessions.c.client_id, _session_day, sessions.c.place)
    .where(sessions.c.status == "flagged")
    .order_by(moment(sessions.c.started), sessions.c.id)
)
"""Every flagged session's client, day and place, oldest first (so the latest wins)."""


def _current_routines_query() -> Select[Any]:
    """Each client's current (newest) routine: its days a week and when it was saved."""
    r, newer = routines.alias("r"), routines.alias("newer")
    newest_id = (
        select(func.max(newer.c.id)).where(newer.c.client_id == r.c.client_id).scalar_subquery()
    )
    return select(r.c.client_id, json_int(r.c.body, "days_per_week"), r.c.created).where(
        r.c.id == newest_id
    )


_CURRENT_ROUTINES = _current_routines_query()

_TOTALS = select(
    *(
        select(func.count()).select_from(table).scalar_subquery()
        for table in (
            clients,
            screenings,
            health_changes,
            routines,
            sessions,
            holds,
            session_events,
            measurements,
            client_links,
        )
    )
)
"""One count per table, in the order of StoreTotals' fields."""


def _worst_pains(conn: Connection, today: date) -> dict[int, tuple[int, date]]:
    """Each client's highest back pain rating from FLAG_DAYS days before `today` on, and its
    day (the latest of equal ones)."""
    since = (today - timedelta(days=FLAG_DAYS)).isoformat()
    r = back_ratings.c
    query = (
        select(r.client_id, r.pain, r.rated)
        .where(func.substr(r.rated, 1, 10) >= since)
        .order_by(r.pain, moment(r.rated))
    )
    return {cid: (pain, local_day(rated)) for cid, pain, rated in conn.execute(query)}


Reported = tuple[date, tuple[str, ...], str]
"""The day symptoms were last reported after a session, what, and by whom."""
_BY_SOURCE = {source: by for by, source in REPORT_SOURCES.items()}


def _reports(conn: Connection, today: date) -> dict[int, Reported]:
    """Each client's last report of symptoms after a session, from FLAG_DAYS days before
    `today` on: the symptoms of that day's reports, and who reported the last of them."""
    since = (today - timedelta(days=FLAG_DAYS)).isoformat()
    query = (
        select(_h.client_id, _h.reported_on, _h.note, _h.source)
        .where(_h.source.in_(list(_BY_SOURCE)), _h.reported_on >= since)
        .order_by(_h.reported_on, _h.id)
    )
    found: dict[int, Reported] = {}
    for cid, reported_on, note, source in conn.execute(query):
        day = date.fromisoformat(reported_on)
        said = tuple(SYMPTOM_TEXT[s].lower() for s in symptoms_in(note))
        kept = found[cid][1] if cid in found and found[cid][0] == day else ()
        found[cid] = (day, tuple(dict.fromkeys((*kept, *said))), _BY_SOURCE[source])
    return found


Settling = dict[int, tuple[str, str, str]]
"""Each client's last session flag in words, how it was settled, how their last report was."""


def _settling(conn: Connection, today: date, latest: dict[int, Screened]) -> Settling:
    """What each client's last flag was, and whether their latest screening settled it and
    their last report after a session (both from FLAG_DAYS days before `today` on)."""
    since = (today - timedelta(days=FLAG_DAYS)).isoformat()
    query = (
        select(_h.client_id, _h.reported_on, _h.created, _h.note, _h.source)
        .where(_h.source.in_([FLAG_SOURCE, *_BY_SOURCE]), _h.reported_on >= since)
        .order_by(_h.reported_on, _h.id)
    )
    found: Settling = {}
    for cid, reported_on, created, note, source in conn.execute(query):
        on, at = date.fromisoformat(reported_on), datetime.fromisoformat(created)
        origin = "session" if source == FLAG_SOURCE else _BY_SOURCE[source]
        flags = [SymptomFlag(s, on, at, origin) for s in symptoms_in(note)]
        settled = settled_text(flags, latest.get(cid))
        what, flag_settled, report_settled = found.get(cid, ("", "", ""))
        if source == FLAG_SOURCE:
            found[cid] = (flag_words(note), settled, report_settled)
        else:
            found[cid] = (what, flag_settled, settled)
    return found


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _latest_screenings(conn: Connection) -> dict[int, tuple[str, Ending, Screened]]:
    """Each client's latest screening day, the day it ends and why (from its intake), and
    the screening as the flag rule reads it."""
    found = {}
    for row in conn.execute(_LATEST_SCREENINGS):
        intake = read_intake(row.id, row.intake)
        screened = Screened(intake.taken_on, datetime.fromisoformat(row.created), intake)
        found[row.client_id] = (row.taken_on, screening_ends(intake), screened)
    return found


class OverviewRepository:
    """Read-only facts about every client at once."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def totals(self) -> StoreTotals:
        """How many clients, screenings, health changes, routines (templates too), sessions,
        holds, session events, measurements and links the whole store holds."""
        with self._db.read() as conn:
            counts = conn.execute(_TOTALS).one()
        return StoreTotals(*(int(n) for n in counts))

    def client_facts(self, today: date) -> list[ClientFacts]:
        """What the attention list needs about each client, as of `today`."""
        first, last = adherence_window(today)
        with self._db.read() as conn:
            screened = _latest_screenings(conn)
            changed: dict[int, str] = {r[0]: r[1] for r in conn.execute(_HEALTH_CHANGES)}
            sessions_of: dict[int, tuple[str | None, int]] = {
                r[0]: (r[1], int(r[2] or 0)) for r in conn.execute(_sessions_query(first, last))
            }
            flags: dict[int, tuple[str | None, str]] = {
                r[0]: (r[1], r[2])
                for r in conn.execute(_FLAGS)  # the latest wins
            }
            plans: dict[int, tuple[int | None, str]] = {
                r[0]: (r[1], r[2]) for r in conn.execute(_CURRENT_ROUTINES)
            }
            pains = _worst_pains(conn, today)
            reports = _reports(conn, today)
            settling = _settling(conn, today, {c: s[2] for c, s in screened.items()})
            who = (
                select(clients.c.id, clients.c.name)
                .where(clients.c.archived.is_(None))  # an archived client is not followed up
                .order_by(clients.c.id)
            )
            visible = scope_of(conn).clients_filter()
            people = conn.execute(who if visible is None else who.where(visible))
            return [
                ClientFacts(
                    client_id=cid,
                    name=name,
                    screened_on=_day(screened[cid][0]) if cid in screened else None,
                    screening_ends=screened[cid][1] if cid in screened else None,
                    health_changed_on=_day(changed.get(cid)),
                    last_session=_day(sessions_of.get(cid, (None, 0))[0]),
                    last_flag=_day(flags.get(cid, (None, ""))[0]),
                    last_flag_at_home=flags.get(cid, (None, ""))[1] == "home",
                    last_flag_what=settling.get(cid, ("", "", ""))[0],
                    flag_settled=settling.get(cid, ("", "", ""))[1],
                    report_settled=settling.get(cid, ("", "", ""))[2],
                    planned_per_week=plans[cid][0] if cid in plans else None,
                    recent_sessions=sessions_of.get(cid, (None, 0))[1],
                    plan_since=local_day(plans[cid][1]) if cid in plans else None,
                    worst_pain=pains[cid][0] if cid in pains else None,
                    worst_pain_on=pains[cid][1] if cid in pains else None,
                    symptoms_reported=reports[cid][1] if cid in reports else (),
                    symptoms_reported_on=reports[cid][0] if cid in reports else None,
                    symptoms_reported_by=reports[cid][2] if cid in reports else "",
                )
                for cid, name in people
            ]
