# ruff: noqa: E501 - one scenario a line, as a table
"""Every service that reads or changes a client's record leaves exactly one access-log entry,
on both engines: the test walks every public function and method of stretchkit.services that
can reach the store, and fails for one that is neither run here nor allowed (with its
reason) below."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

import stretchkit.services
from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.planning.planner import plan
from stretchkit.planning.session_calendar import SessionTime
from stretchkit.progress.back_feel import BackRating
from stretchkit.progress.outcomes import Measurement
from stretchkit.screening import screen
from stretchkit.screening.intake import Intake
from stretchkit.services import (
    client_copy,
    client_links,
    client_page,
    client_progress,
    client_records,
    client_report,
    client_status,
    guided_session,
    history_files,
    progress_records,
    readiness,
    routine_planning,
    screening_save,
    session_calendar,
    symptom_flags,
    symptom_report,
    todays_plan,
)
from stretchkit.store import Store
from tests.clocks import FakeClock
from tests.today import TODAY

ENGINE_PARITY = True
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
LATER = date(2100, 1, 1)
"""The day a history is imported on: after any session the store dated by its own clock."""
STORE_TYPES = ("ProgressStore", "ChartShelf", "GuidedSession")
"""A parameter of one of these types reaches the store."""


def _reaching(fn: Callable[..., Any]) -> bool:
    params = inspect.signature(fn).parameters.values()
    return any(any(t in str(p.annotation) for t in STORE_TYPES) for p in params)


def _public(module: Any) -> Iterator[tuple[str, Any]]:
    for name, found in vars(module).items():
        if not name.startswith("_") and getattr(found, "__module__", "") == module.__name__:
            yield name, found


def service_functions() -> set[str]:
    """Every public function of the services' modules with a parameter that reaches the
    store, and every public method of a class built on one ('module.Class.method')."""
    found = set()
    for info in pkgutil.iter_modules(stretchkit.services.__path__):
        module = importlib.import_module(f"stretchkit.services.{info.name}")
        for name, thing in _public(module):
            if inspect.isfunction(thing) and _reaching(thing):
                found.add(f"{info.name}.{name}")
            elif inspect.isclass(thing) and _reaching(thing.__init__):
                methods = [m for m, f in vars(thing).items() if inspect.isfunction(f)]
                found |= {f"{info.name}.{name}.{m}" for m in methods if not m.startswith("_")}
    return found


ALLOWED: dict[str, str] = {
    "client_records.find_clients": "the client list: names to pick from, no one's record",
    "client_records.pickable_clients": "the picker's list of names, no one's record",
    "client_links.all_links": "every client's link labels for the link manager, no record",
    "routine_planning.template_names": "the studio's template names, about no client",
    "routine_planning.save_template": "a template belongs to the studio, not to a client",
    "history_files.find_client": "which client a command names; the command logs its own use",
    "access_view.client_access": "reads the access log itself (no health data)",
    "client_copy.logged_entries": "reads the access log itself, for a copy that logs itself",
    "week_check.week_advice": "session days for the Session tab, whose view logs itself",
    "access_view.studio_access": "reads the access log itself (no health data)",
    "access_view.prune_access_log": "writes its own 'log-pruned' entry (tested on its own)",
    "chart_store.ChartShelf.key": "a chart's cache key, drawn for a view that logged itself",
    "chart_store.ChartShelf.chart": "draws for a view that logged itself, or ahead of any",
    "chart_store.ChartShelf.kept": "a kept chart for a view that logged itself",
    "client_report.kept_progress_charts": "charts of a ClientProgress already logged as read",
    "timer_view.timer_state": "the running session's state in memory, not the store",
    "guided_session.GuidedSession.why_not_ready": "readiness: logged as 'screening read'",
    "guided_session.GuidedSession.tick": "part of the session its start logged",
    "guided_session.GuidedSession.pause_or_resume": "part of the session its start logged",
    "guided_session.GuidedSession.skip": "part of the session its start logged",
    "guided_session.GuidedSession.stop": "part of the session its start logged",
    "guided_session.GuidedSession.ask_stop": "part of the session its start logged",
    "guided_session.GuidedSession.keep_going": "part of the session its start logged",
    "guided_session.GuidedSession.flag": "part of the session its start logged",
    "guided_session.GuidedSession.rate": "part of the session its start logged",
}
"""Functions that reach the store but read or change no one client's record, or whose use
is part of another entry (a session's holds: one entry per session, not one per hold)."""


@dataclass
class World:
    """A store with a screened client who has a routine, a session and a link."""

    store: Store
    catalog: Catalog
    client: int
    folder: Path

    def spare(self, name: str) -> int:
        return self.store.clients.add(ClientDetails(name)).id

    def routine(self) -> Any:
        saved = self.store.routines.current(self.client)
        assert saved is not None
        return saved

    def progress(self) -> Any:
        return client_progress.client_progress(self.store, self.catalog, self.client, TODAY)

    def session(self, clock: FakeClock) -> guided_session.GuidedSession:
        saved = self.routine()
        return guided_session.GuidedSession(
            self.store,
            self.catalog,
            self.client,
            saved.routine,
            routine_id=saved.id,
            clock=clock,
            today=lambda: TODAY,
        )


@pytest.fixture(scope="module")
def world(shared_store: Store, tmp_path_factory: pytest.TempPathFactory) -> World:
    """The shared store (one per engine) with its screened, planned client."""
    catalog = default_catalog()
    store = shared_store
    store.access_log.clock = lambda: NOW
    client = store.clients.add(ClientDetails("Walk Through")).id
    screening = screen(Intake(TODAY - timedelta(days=10), 40), catalog)
    store.screenings.add(client, screening)
    store.routines.save(client, plan(screening, catalog, budget_min=20))
    return World(store, catalog, client, tmp_path_factory.mktemp("walk"))


def _csv(w: World) -> bytes:
    path = w.folder / "history.csv"
    with w.store.access_log.covered():  # the file to import: its export is not under test
        history_files.export_client(w.store, w.client, path)
    return path.read_bytes()


def _hand_over(w: World) -> object:
    if "jordan" not in {t.username for t in w.store.trainers.all()}:
        w.store.trainers.add("jordan")
    client = w.spare("Handed Over")
    return client_records.hand_over_client(w.store, client, "jordan")


def _import(w: World, service: Callable[..., object] | None) -> object:
    data = _csv(w)
    target = w.spare("Imported Into")
    if service is not None:
        return service(w.store, target, data, today=LATER)
    path = w.folder / "in.csv"
    path.write_bytes(data)
    return history_files.import_client(w.store, target, path, LATER)


def _from_template(w: World) -> object:
    routine_planning.save_template(w.store, "Walk Template", w.routine().routine)
    return routine_planning.routine_from_template(
        w.store, w.catalog, w.client, TODAY, "Walk Template"
    )


def _add_to(w: World) -> object:
    routine = w.routine().routine
    screening = screen(w.store.screenings.history(w.client)[0].intake, w.catalog)
    extra = routine_planning.addable_stretches(screening, routine)
    assert extra, "the walk's routine must leave a stretch to add"
    return routine_planning.add_to_routine(
        w.store, w.catalog, w.client, TODAY, routine, stretch_id=extra[0]
    )


def _pdf(w: World) -> object:
    with w.store.access_log.covered():  # the progress shown was read before (its own entry)
        shown = w.progress()
    return client_report.client_pdf(w.store, w.catalog, shown)


def _session(w: World) -> object:
    """A whole session, start to finish, every planned hold logged (on a fake clock)."""
    clock = FakeClock()
    session = w.session(clock)
    session.start()
    assert session.session_id is not None, session.notices
    while session.running:
        clock.now += 5
        session.tick()
    assert w.store.sessions.holds(session.session_id), "the session must log holds"
    return session


Scenario = Callable[[World], object]
SCENARIOS: dict[str, tuple[str, Scenario]] = {
    "client_copy.write_client_copy": ("data-exported", lambda w: client_copy.write_client_copy(w.store, w.client, io.BytesIO(), made_at=NOW)),
    "client_copy.client_copy_bytes": ("data-exported", lambda w: client_copy.client_copy_bytes(w.store, w.client, made_at=NOW)),
    "client_records.get_client": ("client-viewed", lambda w: client_records.get_client(w.store, w.client)),
    "client_records.add_client": ("client-added", lambda w: client_records.add_client(w.store, ClientDetails("New One"))),
    "client_records.edit_client": ("client-edited", lambda w: client_records.edit_client(w.store, w.client, ClientDetails("Walk Through", "walk@example.org"))),
    "client_records.archive_client": ("client-archived", lambda w: client_records.archive_client(w.store, w.client)),
    "client_records.restore_client": ("client-restored", lambda w: client_records.restore_client(w.store, w.client)),
    "client_records.preview_delete": ("client-viewed", lambda w: client_records.preview_delete(w.store, w.client)),
    "client_records.delete_client": ("client-deleted", lambda w: client_records.delete_client(w.store, w.spare("Gone Soon"))),
    "client_records.hand_over_client": ("client-handed-over", _hand_over),
    "screening_save.save_screening": ("screening-saved", lambda w: screening_save.save_screening(w.store, w.catalog, w.client, Intake(TODAY - timedelta(days=5), 40))),
    "screening_save.screening_history": ("screening-read", lambda w: screening_save.screening_history(w.store, w.catalog, w.client, TODAY)),
    "screening_save.report_health_change": ("health-change", lambda w: screening_save.report_health_change(w.store, w.spare("Changed Health"), TODAY, "moved house")),
    "symptom_flags.symptom_flags": ("screening-read", lambda w: symptom_flags.symptom_flags(w.store, w.client)),
    "symptom_flags.pending_flags": ("screening-read", lambda w: symptom_flags.pending_flags(w.store, w.client)),
    "symptom_flags.after_flags": ("screening-read", lambda w: symptom_flags.after_flags(w.store, w.store.screenings.history(w.client)[0])),
    "progress_records.record_field_test": ("measure-saved", lambda w: progress_records.record_field_test(w.store, w.client, Measurement("sit-and-reach", "", 12.0, TODAY))),
    "progress_records.record_back_rating": ("measure-saved", lambda w: progress_records.record_back_rating(w.store, w.client, BackRating(NOW, 3, 2))),
    "client_links.create_link": ("link-made", lambda w: client_links.create_link(w.store, w.client, "http://127.0.0.1:8866/")),
    "client_links.revoke_link": ("link-revoked", lambda w: client_links.revoke_link(w.store, w.store.links.create(w.client)[0].id)),
    "client_links.client_links": ("links-listed", lambda w: client_links.client_links(w.store, w.client)),
    "client_page.client_page": ("progress-viewed", lambda w: client_page.client_page(w.store, w.catalog, w.client, TODAY)),
    "client_progress.client_progress": ("progress-viewed", lambda w: w.progress()),
    "client_progress.client_progress_summary": ("progress-viewed", lambda w: client_progress.client_progress_summary(w.store, w.catalog, w.client, TODAY)),
    "client_report.client_pdf": ("pdf-exported", _pdf),
    "client_status.client_status": ("screening-read", lambda w: client_status.client_status(w.store, w.catalog, w.client, TODAY)),
    "history_files.history_download": ("csv-exported", lambda w: history_files.history_download(w.store, w.client)),
    "history_files.export_client": ("csv-exported", lambda w: history_files.export_client(w.store, w.client, w.folder / "out.csv")),
    "history_files.import_history": ("csv-imported", lambda w: _import(w, history_files.import_history)),
    "history_files.import_client": ("csv-imported", lambda w: _import(w, None)),
    "readiness.readiness": ("screening-read", lambda w: readiness.readiness(w.store, w.catalog, w.client, TODAY)),
    "routine_planning.start_planning": ("routine-read", lambda w: routine_planning.start_planning(w.store, w.catalog, w.client, TODAY)),
    "routine_planning.routine_history": ("routine-read", lambda w: routine_planning.routine_history(w.store, w.client)),
    "routine_planning.ready_screening": ("screening-read", lambda w: routine_planning.ready_screening(w.store, w.catalog, w.client, TODAY)),
    "routine_planning.plan_routine": ("screening-read", lambda w: routine_planning.plan_routine(w.store, w.catalog, w.client, TODAY, routine_planning.PlanSettings())),
    "routine_planning.routine_from_template": ("screening-read", _from_template),
    "routine_planning.add_to_routine": ("screening-read", _add_to),
    "routine_planning.save_routine": ("routine-saved", lambda w: routine_planning.save_routine(w.store, w.catalog, w.client, TODAY, w.routine().routine)),
    "session_calendar.client_calendar": ("calendar-exported", lambda w: session_calendar.client_calendar(w.store, w.catalog, w.client, (SessionTime(0, time(18, 0)),), zone="Europe/Berlin", today=TODAY, now=NOW)),
    "symptom_report.report_symptoms": ("symptoms-reported", lambda w: symptom_report.report_symptoms(w.store, w.spare("Numb Once"), ["numbness-tingling"], TODAY, "client")),
    "todays_plan.todays_plan": ("routine-read", lambda w: todays_plan.todays_plan(w.store, w.catalog, w.client, TODAY)),
    "guided_session.GuidedSession.start": ("session-logged", _session),
}  # fmt: skip
"""Each service run once on the world: the kind of entry it must leave."""


def test_every_service_reaching_the_store_is_walked_or_allowed_with_a_reason() -> None:
    """A new service function that reaches the store fails here until it is run below (and
    so writes its entry) or allowed, with the reason, in ALLOWED."""
    found = service_functions()
    assert found - set(SCENARIOS) - set(ALLOWED) == set()
    assert set(SCENARIOS) & set(ALLOWED) == set()
    assert (set(SCENARIOS) | set(ALLOWED)) - found == set(), "a walked service is gone"
    assert all(len(reason) > 20 for reason in ALLOWED.values())


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_service_writes_exactly_one_entry(world: World, name: str) -> None:
    """Run once, the service leaves one more entry in the log: of its kind, naming a client
    (by number), who (the store's trainer) and from where, at the store's clock."""
    kind, run = SCENARIOS[name]
    before = world.store.access_log.entries()
    run(world)
    after = world.store.access_log.entries()
    new = [e for e in after if e.id > max((b.id for b in before), default=0)]
    assert [e.kind for e in new] == [kind]
    entry = new[0]
    assert entry.client_id is not None and entry.at == NOW
    assert (entry.actor.who, entry.actor.name, entry.actor.place) == ("admin", "local", "workbook")
