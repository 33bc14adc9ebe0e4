"""Makes the release fixtures of tests/test_upgrade.py: tests/releases/schema-000N.db, a small
progress store written by the release that added migration N, with that release's own code.

    python tests/releases/make_fixtures.py          # every release, 1 to 11
    python tests/releases/make_fixtures.py 3 5      # only these

Each release's commit is checked out into a temporary `git worktree` (removed afterwards) and
this script runs again under that code (`--build N FILE`, with PYTHONPATH on the worktree), so
every row is written the way that release wrote it. The data is synthetic and cumulative (a
later release adds to what an earlier one wrote), with fixed names, days and times so that
test_upgrade.py can check field values; only the moments a release takes from the clock (a
screening's `created`, a pain flag's health change) differ between runs. The stores are
VACUUMed to keep them small. Needs git and a checkout with the history.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

RELEASES = {
    1: "fdaf2125b37b151c41f0426fa76f751a4816237f",
    2: "172c37c82e2dc0882d53c039fafb66e088961f9b",
    3: "ea7f30049227fc4736cbaec36a34b96d209176a4",
    4: "96ded9996a9c43ca60b860b3c5e74ff73139c551",
    5: "138f45e7752181a19e7a7edd0af55fba49cc2826",
    6: "c64304bfab1ec0ee6fe5886593128ec2d8f13699",
    7: "859200431579fd847cdbef58a7095d4cbf6dd45d",
    8: "878f8f3a7919868829b93ad300f21ecbb84504d4",
    9: "9b3f522391d01c74e3aaab176a9fab4e8319bd37",
    10: "ebf4bb510426f381919cd40838f291bedcb61368",
    11: "6b6e7b5c900c61c88ed71328ec38a3290af49543",
    12: "ada2eb3555ae61076ad17b6d6d466bb93981a4a2",
    13: "d52f9e7aa8eab92b26ce837118b8d9767ae8a769",
}
"""The commit that added each migration (there are no release tags): migration N's release."""

CLIENTS = (
    ("Demo Client A", "a@example.org", "Prefers morning sessions."),
    ("Demo Client B", "", ""),
    ("Demo Client C", "555-0100", "Synthetic fixture client, nothing else stored."),
)
B_CONTACT = "b@example.org"
"""Release 1 changes Demo Client B's contact after adding them (an update)."""
JOINED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ZONE = timezone(timedelta(hours=1))
A_INTAKE_NOTES = "Synthetic intake: office work, stiff upper back."
HEALTH_NOTE = "Synthetic: sore after moving house."
TEMPLATE = "Demo Template"
HELD_S = (30, 28, 25)
MEASURED = (
    ("sit-and-reach", "", 12.5, date(2026, 1, 7)),
    ("sit-and-reach", "", 15.0, date(2026, 1, 21)),
    ("thoracic-rotation", "left", 40.0, date(2026, 1, 7)),
    ("thoracic-rotation", "right", 38.0, date(2026, 1, 7)),
)
PHONE_TOKEN = "fixture-release5-demo-client-a-phone-00000"
LAPTOP_TOKEN = "fixture-release5-demo-client-b-laptop-0000"
"""Fixed (and public) tokens, so the upgrade test can open the links the release made."""


# --- run under a release's code (`--build N FILE`) ----------------------------------------


def _module(old: str, new: str) -> Any:
    """A module of the release's code: by its later name (the package was regrouped into
    subpackages after release 6), else by the name it had before."""
    try:
        return importlib.import_module(new)
    except ModuleNotFoundError:
        return importlib.import_module(old)


def _clients(store: Any) -> list[int]:
    from stretchkit.clients import ClientDetails

    ids = []
    for n, (name, contact, notes) in enumerate(CLIENTS):
        details = ClientDetails(name, contact, notes)
        ids.append(store.clients.add(details, created=JOINED + timedelta(days=n)).id)
    store.clients.update(ids[1], ClientDetails(CLIENTS[1][0], B_CONTACT, ""))
    return ids


def _screenings(store: Any, ids: list[int]) -> Any:
    """A is cleared; B answered yes to the first PAR-Q question and later reported a change."""
    from stretchkit.catalog import default_catalog
    from stretchkit.screening import screen

    intake = _module("stretchkit.intake", "stretchkit.screening.intake")
    PARQ_QUESTIONS, Intake = intake.PARQ_QUESTIONS, intake.Intake  # noqa: N806

    catalog = default_catalog()
    a = Intake(
        taken_on=date(2026, 1, 5),
        age=42,
        lower_back_pain=True,
        hamstring_tightness=True,
        notes=A_INTAKE_NOTES,
    )
    b = Intake(
        taken_on=date(2026, 1, 6),
        age=58,
        parq=(True,) + (False,) * (len(PARQ_QUESTIONS) - 1),
    )
    first = screen(a, catalog)
    store.screenings.add(ids[0], first)
    store.screenings.add(ids[1], screen(b, catalog))
    store.screenings.report_health_change(ids[1], date(2026, 1, 20), HEALTH_NOTE)
    return first, catalog


def _sessions(store: Any, ids: list[int], first: Any, catalog: Any) -> None:
    """A's planned routine, a template, a completed studio session of three holds and a home
    session stopped after a flagged hold."""
    plan = _module("stretchkit.planner", "stretchkit.planning.planner").plan
    HoldEntry = _module("stretchkit.session_log", "stretchkit.session.log").HoldEntry  # noqa: N806

    routine = plan(first, catalog, budget_min=15, days_per_week=3)
    routine_id = store.routines.save(ids[0], routine, at=JOINED + timedelta(days=1)).id
    store.routines.save_template(TEMPLATE, routine)
    item = routine.items[0].prescription
    stretch, side = item.stretch_id, item.targets[0].side
    start = datetime(2026, 1, 7, 10, 0, tzinfo=ZONE)
    studio = store.sessions.start(ids[0], routine_id, "studio", at=start)
    for rep, held in enumerate(HELD_S, 1):
        entry = HoldEntry(stretch, side, rep, len(HELD_S), 30, held, sensation=4 + rep)
        store.sessions.log_hold(studio.id, entry, at=start + timedelta(minutes=rep))
    store.sessions.finish(studio.id, "completed", at=start + timedelta(minutes=20))
    start = datetime(2026, 1, 9, 18, 30, tzinfo=ZONE)
    home = store.sessions.start(ids[0], routine_id, "home", at=start)
    entry = HoldEntry(stretch, side, 1, 2, 30, 12, sensation=7)
    hold = store.sessions.log_hold(home.id, entry, at=start + timedelta(minutes=1))
    store.sessions.flag_hold(hold.id, "Synthetic: tingling in the left foot.")
    store.sessions.finish(home.id, "stopped", at=start + timedelta(minutes=2))


def _measurements(store: Any, ids: list[int]) -> None:
    Measurement = _module("stretchkit.outcomes", "stretchkit.progress.outcomes").Measurement  # noqa: N806

    for test, side, value, day in MEASURED:
        store.measurements.add(ids[0], Measurement(test, side, value, day, note="synthetic"))


def _links(store: Any, ids: list[int]) -> None:
    """A's active link (opened once) and B's revoked one, with the fixed tokens."""
    from stretchkit.store import links

    tokens = iter((PHONE_TOKEN, LAPTOP_TOKEN))
    links.new_token = lambda: next(tokens)  # the release's code, with a known token
    store.links.create(ids[0], "phone")
    laptop, _ = store.links.create(ids[1], "laptop")
    store.links.revoke(laptop.id)
    assert store.links.client_for(PHONE_TOKEN) == ids[0]


EVENT_DETAIL = "Synthetic: came straight from a spin class."


def _events(store: Any, ids: list[int]) -> None:
    """A's studio session: warmed up elsewhere; the home session: its numbness flag."""
    SessionEvent = _module("stretchkit.session_log", "stretchkit.session.log").SessionEvent  # noqa: N806

    studio, home = store.sessions.of_client(ids[0])
    at = studio.started
    store.sessions.record_event(
        studio.id, SessionEvent("warm-up-elsewhere", "", EVENT_DETAIL), at=at
    )
    stretch = store.sessions.holds(home.id)[0].entry.stretch_id
    event = SessionEvent("numbness-tingling", stretch, "hold 1")
    store.sessions.record_event(home.id, event, at=home.started + timedelta(minutes=1))


TRAINER = ("jordan", "Jordan Vale")
"""Release 7's second trainer, who takes Demo Client C over from the store's own trainer."""


def _trainers(store: Any, ids: list[int]) -> None:
    """A second trainer, and Demo Client C handed over to them."""
    store.trainers.add(*TRAINER)
    store.trainers.hand_over(ids[2], TRAINER[0])


RATED = ((7, 3, "studio"), (5, 2, "home"), (4, 1, "dashboard"))
"""Release 8's back ratings of Demo Client A: stiffness, pain and place, a week apart."""


def _ratings(store: Any, ids: list[int]) -> None:
    """A's ratings: the first at the start of the studio session, then a week apart."""
    from stretchkit.progress.back_feel import BackRating

    studio = store.sessions.of_client(ids[0])[0]
    for n, (stiffness, pain, place) in enumerate(RATED):
        rating = BackRating(studio.started + timedelta(weeks=n), stiffness, pain, place)
        store.back_ratings.add(ids[0], rating, studio.id if n == 0 else None)


KEPT_CHART = ("holds@dashboard", "fixture-key", "Synthetic chart: hold duration over weeks.")
"""Release 9's kept chart of Demo Client A: its name, key and text alternative."""
KEPT_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e226059b0000000049454e44ae426082"
)
"""A one-pixel PNG stands for the chart (the store keeps bytes; it never reads them)."""


def _kept_chart(store: Any, ids: list[int]) -> None:
    """A chart kept for A, after everything else was written (a write drops A's charts)."""
    from stretchkit.store.values import KeptChart

    name, key, alt = KEPT_CHART
    store.chart_cache.put(ids[0], name, key, KeptChart(KEPT_PNG, alt))


ARCHIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""Release 10 archives Demo Client C at this moment."""


def _archived(store: Any, ids: list[int]) -> None:
    """C archived (hidden from the pickers, everything about them kept)."""
    store.clients.archive(ids[2], at=ARCHIVED)


LOGGED = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
"""Release 11 logs that Demo Client A was viewed at this moment."""


def _access_logged(store: Any, ids: list[int]) -> None:
    """One access-log entry: A's details viewed in the workbook by the store's trainer."""
    store.access_log.clock = lambda: LOGGED
    with store.access_log.recorded("client-viewed", ids[0]):
        pass


CLIENT_NOTE = "Synthetic note for the client: breathe out into each hold."
"""Release 12 writes Demo Client B's note for the client (A's notes stay private)."""


def _client_noted(store: Any, ids: list[int]) -> None:
    """B gets a note for the client; every note written before stays private."""
    from dataclasses import replace

    details = store.clients.get(ids[1]).details
    store.clients.update(ids[1], replace(details, client_note=CLIENT_NOTE))


SPOKEN = "de"
"""Release 13 gives Demo Client C a language of their own (the others follow their phone)."""


def _language_chosen(store: Any, ids: list[int]) -> None:
    """C's page, handout and calendar in German."""
    from dataclasses import replace

    details = store.clients.get(ids[2]).details
    store.clients.update(ids[2], replace(details, language=SPOKEN))


def build(release: int, path: Path) -> None:
    """Write the fixture of this release with the stretchkit found on the path (its code)."""
    import stretchkit
    from stretchkit.store import Store

    where = Path(os.environ["PYTHONPATH"].split(os.pathsep)[0]).resolve()
    assert Path(stretchkit.__file__).resolve().is_relative_to(where), stretchkit.__file__
    with Store.open(path) as store:
        assert store.schema_version() == release, store.schema_version()
        ids = _clients(store)
        if release >= 2:
            first, catalog = _screenings(store, ids)
        if release >= 3:
            _sessions(store, ids, first, catalog)
        if release >= 4:
            _measurements(store, ids)
        if release >= 5:
            _links(store, ids)
        if release >= 6:
            _events(store, ids)
        if release >= 7:
            _trainers(store, ids)
        if release >= 8:
            _ratings(store, ids)
        if release >= 9:
            _kept_chart(store, ids)
        if release >= 10:
            _archived(store, ids)
        if release >= 11:
            _access_logged(store, ids)
        if release >= 12:
            _client_noted(store, ids)
        if release >= 13:
            _language_chosen(store, ids)


# --- run from the checkout ----------------------------------------------------------------


def _git(*args: str) -> None:
    subprocess.run(["git", "-C", str(ROOT), *args], check=True)


def make(release: int, work: Path) -> Path:
    """Check the release out, write its store under its code, VACUUM it into tests/releases."""
    tree, store = work / f"rel-{release}", work / f"schema-{release:04d}.db"
    _git("worktree", "add", "--detach", "--quiet", str(tree), RELEASES[release])
    try:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        argv = [sys.executable, str(Path(__file__).resolve()), "--build", str(release)]
        subprocess.run([*argv, str(store)], check=True, env=env, cwd=work)
    finally:
        _git("worktree", "remove", "--force", str(tree))
    with closing(sqlite3.connect(store)) as conn:
        conn.execute("VACUUM")
    target = HERE / store.name
    shutil.copyfile(store, target)
    return target


def main(argv: list[str]) -> None:
    if argv[:1] == ["--build"]:  # the second run, under a release's code
        build(int(argv[1]), Path(argv[2]))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("releases", nargs="*", type=int, help="1 to 13 (default: all)")
    args = parser.parse_args(argv)
    if not set(args.releases) <= set(RELEASES):
        parser.error(f"releases are {min(RELEASES)} to {max(RELEASES)}")
    with tempfile.TemporaryDirectory(prefix="stretchkit-releases-") as work:
        for release in args.releases or sorted(RELEASES):
            made = make(release, Path(work))
            size = made.stat().st_size // 1024
            commit = RELEASES[release][:7]
            print(f"{made.relative_to(ROOT)}: release {release} ({commit}), {size} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
