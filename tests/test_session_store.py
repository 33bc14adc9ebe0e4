"""Routines and sessions in the store: routine history, templates, holds logged as they happen,
corrections, pain flags that end a screening, cascades and the database's own checks."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from stretchkit.catalog import Catalog, HoldRange, RepRange
from stretchkit.clients import ClientDetails
from stretchkit.errors import StoreError, ValidationError
from stretchkit.planning.planner import plan
from stretchkit.planning.prescription import Prescription, Target
from stretchkit.planning.routine import Routine, RoutineItem
from stretchkit.progress.outcomes import NOTE_MAX
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.session.log import HoldEntry, SessionEvent
from stretchkit.session.targets import next_targets, results_by_stretch
from stretchkit.store import Store
from stretchkit.store.sessions import FLAG_SOURCE
from tests.hypothesis_profiles import examples
from tests.strategies import NUL, has_nul, hold_entries, routines
from tests.today import clock_today

ENGINE_PARITY = True
"""The store's own tests: each runs on SQLite and on PostgreSQL."""

FLEXION = "seated-thoracic-flexion"
ROTATION = "seated-thoracic-rotation"
TZ = timezone(timedelta(hours=2))
T0 = datetime(2024, 5, 6, 9, 0, tzinfo=TZ)


def add_client(store: Store, name: str = "Robin Ashdown") -> int:
    return store.clients.add(ClientDetails(name)).id


HOLD_20S = Prescription(FLEXION, (Target("", 20),), 3, RepRange(2, 3), HoldRange(20, 30))


def routine(hold: int = 20, budget: int = 20) -> Routine:
    rx = Prescription(FLEXION, (Target("", hold),), 3, RepRange(2, 3), HoldRange(20, 30))
    sided = Prescription(
        ROTATION, (Target("left", 25), Target("right", 20)), 2, RepRange(2, 3), HoldRange(20, 30)
    )
    return Routine(
        (RoutineItem(rx, "For posture.", ("gently",)), RoutineItem(sided)),
        ("posture",),
        budget,
    )


def entry(rep: int = 1, held: int = 20, sensation: int | None = 4, side: Any = "") -> HoldEntry:
    return HoldEntry(FLEXION if not side else ROTATION, side, rep, 3, 20, held, sensation)


# --- routines ----------------------------------------------------------------------------------


def test_a_saved_routine_becomes_the_clients_current_one(store: Store) -> None:
    """save() then current(): the same routine, with its id, client and time."""
    client = add_client(store)
    saved = store.routines.save(client, routine(), at=T0)
    assert (saved.client_id, saved.name, saved.created) == (client, "", T0)
    assert store.routines.current(client) == saved
    assert store.routines.get(saved.id) == saved


def test_saving_again_keeps_the_history_newest_first(store: Store) -> None:
    """A second save is the current routine; both stay in the history."""
    client = add_client(store)
    first = store.routines.save(client, routine(20), at=T0)
    second = store.routines.save(client, routine(25), at=T0 + timedelta(days=7))
    assert store.routines.current(client) == second
    assert store.routines.history(client) == [second, first]
    assert first.routine.item(FLEXION).prescription.hold_for("") == 20


def test_routines_are_kept_per_client(store: Store) -> None:
    """Another client's routine is not this client's current one."""
    robin, avery = add_client(store), add_client(store, "Avery Quinn")
    store.routines.save(robin, routine())
    assert store.routines.current(avery) is None
    assert store.routines.history(avery) == []


def test_an_empty_routine_is_not_saved(store: Store) -> None:
    """A routine needs a stretch; nothing is written."""
    client = add_client(store)
    with pytest.raises(ValidationError) as e:
        store.routines.save(client, Routine(()))
    assert e.value.field == "routine"
    assert store.overview.totals().routines == 0


def test_a_routine_for_an_unknown_client_is_refused(store: Store) -> None:
    """The error names the client id; nothing is written."""
    with pytest.raises(ValidationError) as e:
        store.routines.save(4242, routine())
    assert (e.value.field, e.value.value) == ("client", 4242)
    assert store.overview.totals().routines == 0


def test_an_unknown_routine_id_is_an_error_naming_it(store: Store) -> None:
    """get() of a missing id."""
    with pytest.raises(ValidationError) as e:
        store.routines.get(99)
    assert (e.value.field, e.value.value) == ("routine", 99)


def test_a_planned_routine_is_stored_exactly(store: Store, catalog: Catalog) -> None:
    """A real plan, with notes and cautions, comes back equal."""
    client = add_client(store)
    result = screen(Intake(clock_today(), 70, hamstring_tightness=True), catalog)
    planned = plan(result, catalog, goals=["lower-back"], budget_min=15)
    assert store.routines.save(client, planned).routine == planned
    current = store.routines.current(client)
    assert current is not None
    assert current.routine == planned


def test_a_routine_survives_closing_and_reopening_the_store(store_location: str) -> None:
    """Committed on save: a new connection reads it back."""
    with Store.open(store_location) as store:
        client = add_client(store)
        saved = store.routines.save(client, routine(), at=T0)
    with Store.open(store_location) as store:
        assert store.routines.current(client) == saved


@settings(max_examples=examples(50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(r=Routine((RoutineItem(HOLD_20S, f"For posture.{NUL}"),)))
@given(routines(min_items=1))
def test_any_routine_comes_back_from_the_store_unchanged(shared_store: Store, r: Routine) -> None:
    """Whatever the routine, current() returns what save() stored; one whose text holds a
    NUL character is refused, naming the field, and nothing is saved."""
    client = add_client(shared_store)
    if has_nul(r):
        with pytest.raises(ValidationError, match=r"^body: must not contain a NUL character"):
            shared_store.routines.save(client, r)
        assert shared_store.routines.current(client) is None
        return
    shared_store.routines.save(client, r)
    current = shared_store.routines.current(client)
    assert current is not None
    assert current.routine == r


def test_a_damaged_routine_row_is_a_store_error_naming_it(store: Store) -> None:
    """Valid JSON that is not a routine: a StoreError with the row id and what to do."""
    client = add_client(store)
    with store.db.write() as conn:  # raw SQL: a damaged row, which no method can write
        conn.execute(
            text(
                "INSERT INTO routines (id, client_id, body, created)"
                " VALUES (7, :client, :body, :created)"
            ),
            {"client": client, "body": '{"schema": 1, "items": "x"}', "created": T0.isoformat()},
        )
    with pytest.raises(StoreError, match=r"routine 7 in the progress store cannot be read"):
        store.routines.current(client)


def test_a_clients_routine_is_never_changed_in_place(store: Store) -> None:
    """The database refuses an UPDATE of a client's routine: save a new one."""
    client = add_client(store)
    saved = store.routines.save(client, routine())
    never = r"a client's routines are never changed: save a new one"
    with pytest.raises(DBAPIError, match=never), store.db.write() as conn:
        # raw SQL: the database's own trigger, which no method would try
        conn.execute(text("UPDATE routines SET body = '{}' WHERE id = :id"), {"id": saved.id})
    assert store.routines.get(saved.id) == saved


# --- templates ---------------------------------------------------------------------------------


def test_a_template_is_saved_by_name(store: Store) -> None:
    """A template has a name and no client, and is listed."""
    saved = store.routines.save_template("  Desk workers ", routine())
    assert (saved.name, saved.client_id) == ("Desk workers", None)
    assert store.routines.templates() == [saved]
    assert store.routines.get(saved.id) == saved


def test_a_template_of_the_same_name_is_replaced(store: Store) -> None:
    """Saving 'desk workers' again (any case) leaves one template, the new one."""
    store.routines.save_template("Desk workers", routine(20))
    newer = store.routines.save_template("DESK WORKERS", routine(25))
    templates = store.routines.templates()
    assert templates == [newer]
    assert templates[0].routine.item(FLEXION).prescription.hold_for("") == 25


def test_templates_are_listed_by_name(store: Store) -> None:
    """Alphabetical, ignoring case."""
    for name in ("runners", "Desk workers", "beginners"):
        store.routines.save_template(name, routine())
    assert [t.name for t in store.routines.templates()] == [
        "beginners",
        "Desk workers",
        "runners",
    ]


@pytest.mark.parametrize("name", ["", "   "])
def test_a_template_needs_a_name(store: Store, name: str) -> None:
    """A blank name is refused."""
    with pytest.raises(ValidationError) as e:
        store.routines.save_template(name, routine())
    assert e.value.field == "template name"


def test_an_empty_template_is_refused(store: Store) -> None:
    """A template needs at least one stretch."""
    with pytest.raises(ValidationError):
        store.routines.save_template("Nothing", Routine(()))
    assert store.routines.templates() == []


def test_templates_are_not_part_of_any_clients_history(store: Store) -> None:
    """A client's current routine and history never include templates, and vice versa."""
    client = add_client(store)
    mine = store.routines.save(client, routine())
    store.routines.save_template("Desk workers", routine(25))
    assert store.routines.history(client) == [mine]
    assert [t.name for t in store.routines.templates()] == ["Desk workers"]


# --- sessions and holds ---------------------------------------------------------------------


def test_a_new_session_is_in_progress(store: Store) -> None:
    """start() stores client, routine, place and start; it is not ended yet."""
    client = add_client(store)
    saved = store.routines.save(client, routine())
    session = store.sessions.start(client, saved.id, "home", at=T0)
    assert (session.status, session.place, session.routine_id) == ("in-progress", "home", saved.id)
    assert (session.started, session.ended, session.note) == (T0, None, "")
    assert store.sessions.get(session.id) == session


def test_a_session_with_many_events_keeps_its_note_within_its_length(store: Store) -> None:
    """Every event is kept; the note takes their words while it has room, so the session's
    history still reads (a note is at most NOTE_MAX characters)."""
    client = add_client(store)
    session = store.sessions.start(client, None, at=T0)
    detail = "2 holds of Supine Thoracic Rotation Stretch now 15 s (were up to 20 s)"
    for _ in range(12):
        store.sessions.record_event(session.id, SessionEvent("eased-off", "", detail))
    assert len(store.sessions.events(session.id)) == 12
    note = store.sessions.get(session.id).note
    assert 0 < len(note) <= NOTE_MAX and note.endswith("(were up to 20 s).")
    assert len(store.history.of_client(client).sessions) == 1


def test_a_session_without_a_routine_can_be_started(store: Store) -> None:
    """routine_id may be None, place defaults to the studio, start defaults to now."""
    client = add_client(store)
    session = store.sessions.start(client, None)
    assert (session.routine_id, session.place) == (None, "studio")
    assert session.started.utcoffset() is not None


def test_a_session_in_an_unknown_place_is_refused(store: Store) -> None:
    """Studio or home only; nothing is written."""
    client = add_client(store)
    with pytest.raises(ValidationError) as e:
        store.sessions.start(client, None, "gym")  # type: ignore[arg-type]
    assert e.value.field == "place"
    assert store.overview.totals().sessions == 0


def test_a_session_for_an_unknown_client_is_refused(store: Store) -> None:
    """The client id is named."""
    with pytest.raises(ValidationError) as e:
        store.sessions.start(4242, None)
    assert (e.value.field, e.value.value) == ("client", 4242)


def test_unknown_session_and_hold_ids_are_errors_naming_them(store: Store) -> None:
    """get, log_hold, finish, hold, correct_hold, flag_hold and flag_session on missing ids."""
    for action, field in (
        (lambda: store.sessions.get(5), "session"),
        (lambda: store.sessions.log_hold(5, entry()), "session"),
        (lambda: store.sessions.finish(5, "completed"), "session"),
        (lambda: store.sessions.flag_session(5), "session"),
        (lambda: store.sessions.hold(5), "hold"),
        (lambda: store.sessions.correct_hold(5, 20, 3), "hold"),
        (lambda: store.sessions.flag_hold(5), "hold"),
    ):
        with pytest.raises(ValidationError) as e:
            action()
        assert (e.value.field, e.value.value) == (field, 5)
    totals = store.overview.totals()
    assert totals.holds == totals.health_changes == 0


def test_holds_are_logged_in_order_and_read_back(store: Store) -> None:
    """Each hold is stored as logged; holds() lists them in the order they were written."""
    client = add_client(store)
    session = store.sessions.start(client, None, at=T0)
    logged = [
        store.sessions.log_hold(session.id, entry(1, side="left"), T0),
        store.sessions.log_hold(session.id, entry(1, 19, None, "right"), T0),
        store.sessions.log_hold(session.id, entry(2, side="left"), T0),
    ]
    assert store.sessions.holds(session.id) == logged
    assert store.sessions.hold(logged[1].id) == logged[1]
    assert logged[1].entry.sensation is None
    assert logged[0].day == T0


@settings(max_examples=examples(50), deadline=None)
@given(hold_entries())
def test_any_valid_hold_comes_back_unchanged(shared_store: Store, e: HoldEntry) -> None:
    """Every field of any valid entry survives the database, read one by one or with the
    client's whole log (which sets the stored values without checking them again)."""
    client_id = add_client(shared_store)
    session = shared_store.sessions.start(client_id, None)
    logged = shared_store.sessions.log_hold(session.id, e)
    assert shared_store.sessions.hold(logged.id).entry == e
    (read,) = shared_store.sessions.client_holds(client_id)
    assert read == logged and read.entry == e and type(read.entry.flagged) is bool


def test_a_correction_changes_seconds_and_sensation_only(store: Store) -> None:
    """The corrected hold keeps its stretch, side, rep, target and flag."""
    session = store.sessions.start(add_client(store), None)
    logged = store.sessions.log_hold(session.id, entry(2, 20, None))
    corrected = store.sessions.correct_hold(logged.id, 17, 5)
    assert corrected.entry == HoldEntry(FLEXION, "", 2, 3, 20, 17, 5)
    assert store.sessions.hold(logged.id) == corrected
    assert corrected.day == logged.day


@pytest.mark.parametrize(
    ("held", "sensation", "field"), [(-1, 3, "seconds held"), (20, 11, "sensation")]
)
def test_a_bad_correction_is_refused_and_nothing_changes(
    store: Store, held: int, sensation: int, field: str
) -> None:
    """A correction is checked like a new entry; the stored hold stays as it was."""
    session = store.sessions.start(add_client(store), None)
    logged = store.sessions.log_hold(session.id, entry())
    with pytest.raises(ValidationError) as e:
        store.sessions.correct_hold(logged.id, held, sensation)
    assert e.value.field == field
    assert store.sessions.hold(logged.id) == logged


@pytest.mark.parametrize("status", ["completed", "stopped"])
def test_finishing_a_session_records_its_end(store: Store, status: Any) -> None:
    """finish() sets the status and the end time."""
    session = store.sessions.start(add_client(store), None, at=T0)
    end = T0 + timedelta(minutes=20)
    finished = store.sessions.finish(session.id, status, at=end)
    assert (finished.status, finished.ended) == (status, end)


def test_a_session_cannot_be_finished_as_in_progress(store: Store) -> None:
    """'in-progress' or an unknown status is refused."""
    session = store.sessions.start(add_client(store), None)
    for status in ("in-progress", "paused"):
        with pytest.raises(ValidationError) as e:
            store.sessions.finish(session.id, status)  # type: ignore[arg-type]
        assert e.value.field == "status"
    assert store.sessions.get(session.id).ended is None


def test_sessions_of_a_client_are_listed_oldest_first(store: Store) -> None:
    """Ordered by start, whatever order they were entered in."""
    client = add_client(store)
    later = store.sessions.start(client, None, at=T0 + timedelta(days=2))
    earlier = store.sessions.start(client, None, at=T0)
    assert store.sessions.of_client(client) == [earlier, later]


def test_client_holds_cover_every_session_or_one_routines(store: Store) -> None:
    """All holds of the client oldest first; with a routine id, only that routine's sessions."""
    client = add_client(store)
    other = add_client(store, "Avery Quinn")
    old = store.routines.save(client, routine(20))
    new = store.routines.save(client, routine(25))
    first = store.sessions.start(client, old.id, at=T0)
    second = store.sessions.start(client, new.id, at=T0 + timedelta(days=2))
    a = store.sessions.log_hold(first.id, entry(1), T0)
    b = store.sessions.log_hold(second.id, entry(1), T0 + timedelta(days=2))
    c = store.sessions.log_hold(first.id, entry(2), T0 + timedelta(minutes=1))
    store.sessions.log_hold(store.sessions.start(other, None).id, entry())
    assert store.sessions.client_holds(client) == [a, c, b]
    assert store.sessions.client_holds(client, new.id) == [b]


def test_recent_holds_are_whole_sessions_with_a_hold_in_the_days_before_the_latest(
    store: Store,
) -> None:
    """Sessions with a hold in the 14 days up to the routine's latest hold come whole, even a
    hold logged before those days; sessions older than that, another routine's and another
    client's do not; every hold left out is dated before the day given as complete from, at
    any UTC offset."""
    client = add_client(store)
    other = add_client(store, "Avery Quinn")
    saved = store.routines.save(client, routine(20))
    later = store.routines.save(client, routine(25))
    far = timezone(timedelta(hours=-11))
    old = store.sessions.start(client, saved.id, at=T0)
    old_hold = store.sessions.log_hold(old.id, entry(1), T0.astimezone(far))
    straddling = store.sessions.start(client, saved.id, at=T0 + timedelta(days=5))
    early = store.sessions.log_hold(straddling.id, entry(1), T0 + timedelta(days=5))
    late = store.sessions.log_hold(straddling.id, entry(2), T0 + timedelta(days=6))
    latest_session = store.sessions.start(client, saved.id, at=T0 + timedelta(days=20))
    latest = store.sessions.log_hold(latest_session.id, entry(1), T0 + timedelta(days=20))
    store.sessions.log_hold(
        store.sessions.start(client, later.id).id, entry(1), T0 + timedelta(days=30)
    )
    store.sessions.log_hold(store.sessions.start(other, None).id, entry())
    east = timezone(timedelta(hours=14))
    edge = store.sessions.start(client, saved.id, at=T0 + timedelta(days=5))
    edge_hold = store.sessions.log_hold(
        edge.id, entry(1), (T0 + timedelta(days=6, seconds=-1)).astimezone(east)
    )

    recent = store.sessions.recent_holds(client, saved.id, 14)

    assert recent.holds == [early, late, latest]
    assert recent.complete_from is not None
    assert max(old_hold.day.date(), edge_hold.day.date()) < recent.complete_from
    assert recent.complete_from <= latest.day.date()
    assert store.sessions.recent_holds(client, saved.id, 30).holds == [
        old_hold,
        early,
        edge_hold,
        late,
        latest,
    ]
    assert store.sessions.recent_holds(other, saved.id, 14).holds == []
    assert store.sessions.recent_holds(other, saved.id, 14).complete_from is None


def test_logged_holds_feed_the_next_targets(store: Store) -> None:
    """Two completed, tolerable sessions at 20 s in the store: the flexion goes up to 25 s."""
    client = add_client(store)
    saved = store.routines.save(client, routine(20))
    for day in (0, 2):
        session = store.sessions.start(client, saved.id, at=T0 + timedelta(days=day))
        for rep in (1, 2, 3):
            store.sessions.log_hold(session.id, entry(rep), T0 + timedelta(days=day))
    results = results_by_stretch(store.sessions.client_holds(client, saved.id))
    suggestions = {s.stretch_id: s for s in next_targets(saved.routine, results)}
    assert suggestions[FLEXION].suggested_s == 25


def test_a_stretch_not_done_lately_takes_its_target_from_the_whole_log(
    store: Store, catalog: Catalog
) -> None:
    """Two good sessions of both stretches a month ago, then only the flexion lately: today's
    plan steps the rotation up from the month-old sessions, as the whole log says, and the
    flexion from the latest ones."""
    from stretchkit.services.todays_plan import todays_plan

    client = add_client(store)
    today = date(2024, 6, 20)
    store.screenings.add(client, screen(Intake(date(2024, 5, 1), 40), catalog))
    saved = store.routines.save(client, routine(20))
    sided = [entry(rep, side=side) for side in ("left", "right") for rep in (1, 2, 3)]
    for day in (0, 2, 30, 32):
        at = T0 + timedelta(days=day)
        session = store.sessions.start(client, saved.id, at=at)
        done = [entry(rep) for rep in (1, 2, 3)] + (sided if day < 30 else [])
        for one in done:
            store.sessions.log_hold(session.id, one, at)
    plan_today = todays_plan(store, catalog, client, today)
    moved = {(s.stretch_id, s.side): (s.current_s, s.suggested_s) for s in plan_today.suggestions}
    assert moved[(FLEXION, "")] == (20, 25)
    assert moved[(ROTATION, "left")] == (20, 25)
    assert moved[(ROTATION, "right")] == (20, 25)


def test_each_sessions_totals_sum_up_its_holds_as_the_progress_facts_have_them(
    store: Store,
) -> None:
    """Per session, oldest first: its holds counted, their seconds added up, any flag said,
    a session without holds at zero; with the routine periods, read in one go."""
    client = add_client(store)
    saved = store.routines.save(client, routine(20))
    home = store.sessions.start(client, saved.id, place="home", at=T0 + timedelta(days=1))
    store.sessions.log_hold(home.id, entry(1, held=12), T0 + timedelta(days=1))
    store.sessions.log_hold(
        home.id, HoldEntry(FLEXION, "", 2, 3, 20, 5, 9, True), T0 + timedelta(days=1)
    )
    studio = store.sessions.start(client, saved.id, at=T0)
    for rep in (1, 2):
        store.sessions.log_hold(studio.id, entry(rep), T0)
    store.sessions.start(client, saved.id, at=T0 + timedelta(days=3))

    totals, plans = store.history.session_totals(client)

    assert [(t.place, t.holds, t.held_s, t.flagged) for t in totals] == [
        ("studio", 2, 40, False),
        ("home", 2, 17, True),
        ("studio", 0, 0, False),
    ]
    facts = store.history.progress_facts(client)
    assert [t.started for t in totals] == [f.started for f in facts.sessions]
    assert [t.status for t in totals] == [f.status for f in facts.sessions]
    assert plans == facts.plans


# --- pain flags --------------------------------------------------------------------------------


def screened(store: Store, catalog: Catalog, client: int, taken_on: date) -> Any:
    return store.screenings.add(client, screen(Intake(taken_on, 40), catalog))


@pytest.mark.parametrize("days_ago", [0, 30])
def test_flagging_a_hold_ends_the_clients_screening(
    store: Store, catalog: Catalog, days_ago: int
) -> None:
    """The hold and session are flagged and a health change ends the screening."""
    today = clock_today()
    client = add_client(store)
    saved = screened(store, catalog, client, today - timedelta(days=days_ago))
    assert store.screenings.validity_of(saved, today).state == "current"
    session = store.sessions.start(client, None)
    logged = store.sessions.log_hold(session.id, entry())
    flagged = store.sessions.flag_hold(logged.id, "tingling in the left hand")
    assert flagged.entry.flagged
    assert store.sessions.hold(logged.id).entry.flagged
    assert store.sessions.get(session.id).status == "flagged"
    change = store.screenings.health_changes(client)[0]
    assert (change.client_id, change.source, change.note) == (
        client,
        FLAG_SOURCE,
        "tingling in the left hand",
    )
    assert store.screenings.validity_of(saved, today).state == "health-changed"


def test_flagging_a_session_ends_the_clients_screening(store: Store, catalog: Catalog) -> None:
    """A flag with no hold (e.g. between holds) also flags the session and reports a change."""
    today = clock_today()
    client = add_client(store)
    saved = screened(store, catalog, client, today)
    session = store.sessions.start(client, None)
    assert store.sessions.flag_session(session.id, "pain").status == "flagged"
    assert store.screenings.validity_of(saved, today).state == "health-changed"


def test_a_re_screen_after_the_flag_is_current_again(store: Store, catalog: Catalog) -> None:
    """Screening the client again after the flag clears the health change."""
    today = clock_today()
    client = add_client(store)
    screened(store, catalog, client, today)
    session = store.sessions.start(client, None)
    store.sessions.flag_hold(store.sessions.log_hold(session.id, entry()).id)
    again = screened(store, catalog, client, today)
    assert store.screenings.validity_of(again, today).state == "current"


def test_a_flagged_session_stays_flagged_when_finished(store: Store) -> None:
    """finish(completed) after a flag keeps 'flagged' and records the end."""
    session = store.sessions.start(add_client(store), None)
    store.sessions.flag_hold(store.sessions.log_hold(session.id, entry()).id)
    finished = store.sessions.finish(session.id, "completed", at=T0)
    assert (finished.status, finished.ended) == ("flagged", T0)


def test_closing_a_session_as_flagged_reports_the_health_change_too(
    store: Store, catalog: Catalog
) -> None:
    """finish(flagged) is a flag: the screening ends, exactly one health change is reported."""
    today = clock_today()
    client = add_client(store)
    saved = screened(store, catalog, client, today - timedelta(days=1))
    session = store.sessions.start(client, None)
    assert store.sessions.finish(session.id, "flagged").status == "flagged"
    assert store.screenings.validity_of(saved, today).state == "health-changed"
    store.sessions.finish(session.id, "flagged")
    assert store.overview.totals().health_changes == 1


def test_a_flag_in_one_clients_session_does_not_touch_another_client(
    store: Store, catalog: Catalog
) -> None:
    """Only the flagged client's screening ends."""
    today = clock_today()
    robin, avery = add_client(store), add_client(store, "Avery Quinn")
    avery_screening = screened(store, catalog, avery, today - timedelta(days=1))
    session = store.sessions.start(robin, None)
    store.sessions.flag_hold(store.sessions.log_hold(session.id, entry()).id)
    assert store.screenings.validity_of(avery_screening, today).state == "current"


# --- deleting a client ------------------------------------------------------------------------


def test_deleting_a_client_removes_their_routines_sessions_and_holds(
    store: Store, catalog: Catalog
) -> None:
    """Everything about the client goes; the other client and the templates stay."""
    robin, avery = add_client(store), add_client(store, "Avery Quinn")
    store.routines.save_template("Desk workers", routine())
    for client in (robin, avery):
        saved = store.routines.save(client, routine())
        session = store.sessions.start(client, saved.id)
        store.sessions.flag_hold(store.sessions.log_hold(session.id, entry()).id)
    store.clients.delete(robin)
    assert store.routines.current(robin) is None
    assert store.sessions.of_client(robin) == []
    assert store.sessions.client_holds(robin) == []
    totals = store.overview.totals()
    assert totals.routines == 2  # avery's and the template
    assert (totals.sessions, totals.holds) == (1, 1)
    assert totals.health_changes == 1
    assert len(store.routines.templates()) == 1


# --- the database's own checks ------------------------------------------------------------------
# Raw SQL below: rows written by hand test the database's own CHECK, foreign-key and UNIQUE
# rules, on each engine.

HOLD_SQL = text(
    "INSERT INTO holds (session_id, stretch_id, side, rep, reps_planned, target_s, held_s,"
    " sensation, flagged, logged) VALUES (:session_id, :stretch_id, :side, :rep,"
    " :reps_planned, :target_s, :held_s, :sensation, :flagged, :logged)"
)
GOOD_HOLD: dict[str, Any] = {
    "stretch_id": FLEXION,
    "side": "",
    "rep": 1,
    "reps_planned": 3,
    "target_s": 20,
    "held_s": 20,
    "sensation": 4,
    "flagged": 0,
}


def insert_hold(store: Store, session_id: int, **changes: Any) -> None:
    values = {**GOOD_HOLD, **changes, "session_id": session_id, "logged": T0.isoformat()}
    with store.db.write() as conn:
        conn.execute(HOLD_SQL, values)


@pytest.mark.parametrize(
    "changes",
    [
        {"stretch_id": " "},
        {"side": "up"},
        {"rep": 0},
        {"rep": 4},
        {"reps_planned": 21},
        {"target_s": 0},
        {"target_s": 601},
        {"held_s": -1},
        {"held_s": 601},
        {"sensation": 11},
        {"sensation": -1},
        {"flagged": 2},
    ],
)
def test_the_database_refuses_impossible_holds(store: Store, changes: dict[str, Any]) -> None:
    """CHECK constraints reject every out-of-range hold value, even written by hand."""
    session = store.sessions.start(add_client(store), None)
    insert_hold(store, session.id)  # the good row is accepted
    with pytest.raises(IntegrityError):
        insert_hold(store, session.id, **changes)
    assert store.overview.totals().holds == 1


def test_the_database_refuses_a_hold_of_no_session(store: Store) -> None:
    """The foreign key to sessions is enforced."""
    with pytest.raises(IntegrityError):
        insert_hold(store, 999)


@pytest.mark.parametrize(
    ("column", "value"), [("place", "gym"), ("status", "paused"), ("client_id", 999)]
)
def test_the_database_refuses_impossible_sessions(store: Store, column: str, value: Any) -> None:
    """Only studio or home, only the four statuses, only existing clients."""
    client = add_client(store)
    row = {"client_id": client, "place": "studio", "status": "in-progress", column: value}
    with pytest.raises(IntegrityError), store.db.write() as conn:
        conn.execute(
            text(
                "INSERT INTO sessions (client_id, place, status, started)"
                " VALUES (:client_id, :place, :status, :started)"
            ),
            {**row, "started": T0.isoformat()},
        )


@pytest.mark.parametrize(
    ("client", "template", "body"),
    [
        (True, None, "not json"),
        (False, None, "{}"),
        (True, "Desk workers", "{}"),
        (False, "   ", "{}"),
    ],
    ids=["bad-json", "neither-client-nor-template", "both", "blank-template-name"],
)
def test_the_database_refuses_impossible_routines(
    store: Store, client: bool, template: str | None, body: str
) -> None:
    """JSON bodies only; a routine is either a client's or a named template."""
    client_id = add_client(store) if client else None
    with pytest.raises(IntegrityError), store.db.write() as conn:
        conn.execute(
            text(
                "INSERT INTO routines (client_id, template, body, created)"
                " VALUES (:client_id, :template, :body, :created)"
            ),
            {"client_id": client_id, "template": template, "body": body, "created": T0.isoformat()},
        )


def test_the_database_refuses_two_templates_with_one_name(store: Store) -> None:
    """Template names are unique, ignoring case."""
    store.routines.save_template("Desk workers", routine())
    with pytest.raises(IntegrityError), store.db.write() as conn:
        conn.execute(
            text(
                "INSERT INTO routines (template, body, created) VALUES ('desk WORKERS', '{}', :at)"
            ),
            {"at": T0.isoformat()},
        )
