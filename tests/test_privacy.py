"""Privacy: owner-only files, deleting a client leaves nothing of them, no token shown twice."""

from __future__ import annotations

import ast
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from stretchkit.catalog import Catalog, default_catalog
from stretchkit.clients import ClientDetails
from stretchkit.demo.seeding import seed_demo_data
from stretchkit.link_tokens import new_token
from stretchkit.planning.planner import plan
from stretchkit.progress.outcomes import Measurement
from stretchkit.reports import client_report
from stretchkit.screening import screen
from stretchkit.servers.dashboard_server import DashboardLog
from stretchkit.services.chart_store import ChartShelf
from stretchkit.services.client_progress import client_progress
from stretchkit.services.client_records import delete_client, get_client
from stretchkit.services.client_report import kept_progress_charts
from stretchkit.services.history_files import export_client
from stretchkit.session.log import SessionEvent
from stretchkit.store import Store
from tests.conftest import ROOT
from tests.file_modes import umask
from tests.test_cli import run

TODAY = date(2026, 9, 1)
"""Every demo client has months of history by then (they join from January 2026)."""
OWNER_ONLY = 0o600


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def store_files(db: Path) -> list[Path]:
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm")]


# --- 1. the database file ------------------------------------------------------------------


def test_the_database_its_wal_and_shm_stay_owner_only_on_writes_and_reopening(
    db_path: Path,
) -> None:
    """A new store, written to, then reopened and written to again: while a connection is
    open (so the WAL and shared-memory files exist) all three files are 0600, whatever the
    umask."""
    with umask(0):
        for name in ("Demo Client A", "Demo Client B"):
            with Store.open(db_path) as store:
                store.clients.add(ClientDetails(name))
                assert all(f.exists() for f in store_files(db_path))
                assert [mode(f) for f in store_files(db_path)] == [OWNER_ONLY] * 3
    assert mode(db_path) == OWNER_ONLY


def test_a_store_and_its_leftover_wal_made_world_readable_are_tightened_on_open(
    db_path: Path,
) -> None:
    """A database left 0644 (and a WAL and SHM left 0644 by another program) become 0600
    when the store opens, with the data intact."""
    with Store.open(db_path) as store:
        store.clients.add(ClientDetails("Demo Client A"))
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:  # WAL, SHM stay
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("UPDATE clients SET notes = 'written elsewhere'")
        for file in store_files(db_path):
            file.chmod(0o644)
        with Store.open(db_path) as store:
            assert [mode(f) for f in store_files(db_path)] == [OWNER_ONLY] * 3
            assert store.clients.all()[0].details.notes == "written elsewhere"


# --- 2. files written for the user ---------------------------------------------------------

FILE_WRITERS = {
    "write_text",
    "write_bytes",
    "mkstemp",
    "NamedTemporaryFile",
    "copyfile",
    "copy",
    "copy2",
    "copytree",
    "move",
    "fdopen",
    "savefig",
}
KNOWN_WRITERS = {
    "stretchkit/services/history_files.py": "CSV export, owner-only through _write_private",
    "stretchkit/servers/workbook.py": "copies of the bundled notebooks (no client data)",
    "stretchkit/charts/rendering.py": "charts saved into an in-memory buffer",
    "stretchkit/charts/stretch_picture.py": "a stretch's picture saved into an in-memory buffer",
    "stretchkit/reports/pdf.py": "PDF pages saved into an in-memory buffer",
    "stretchkit/store/backup.py": "backups and a damaged store set aside, 0600",
    "stretchkit/store/connection.py": "the store file itself, created 0600",
    "stretchkit/store/server_backup.py": "pg_dump archives, created 0600 before pg_dump fills them",
    "stretchkit/store/server_logins.py": "a trainer's password file (libpq's format), 0600",
    "stretchkit/servers/studio_settings.py": "the studio's settings (no password), 0600",
    "stretchkit/services/workbook_language.py": "the trainer's workbook language, 0600",
    "stretchkit/servers/studio_setup.py": "the hub's configuration and its API token, 0600",
    "stretchkit/widgets/kit/beep.py": "a WAV tone written into an in-memory buffer",
    "stretchkit/widgets/dashboard/dashboard_pictures.py": (
        "the stretches' pictures (no client data), 0600"
    ),
    "stretchkit/services/client_copy.py": (
        "a client's own copy: in memory, or past 8 MB an unnamed temporary file (0600, "
        "unlinked at once) until the download is made"
    ),
}
"""Every module that writes or copies a file, or could; a new one must be added here once
its files are known to be owner-only (or to hold no client data)."""


WRITE_MODE = re.compile(r"^[rwxabt+]*[wax+][rwxabt+]*$")


def _writes_files(tree: ast.AST) -> bool:
    """Whether the code calls anything that writes or copies a file, opens one with a
    writing mode ('w', 'a', 'x', '+') or os.open()s one with O_CREAT or for writing."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in FILE_WRITERS or (name == "backup" and isinstance(func, ast.Attribute)):
            return True  # backup: sqlite3's Connection.backup (a bare backup() delegates)
        if name != "open":
            continue
        values = [*node.args, *(k.value for k in node.keywords)]
        if any(
            isinstance(v, ast.Constant) and isinstance(v.value, str) and WRITE_MODE.match(v.value)
            for v in values
        ):
            return True
        if any(re.search(r"O_CREAT|O_WRONLY|O_RDWR", ast.unparse(v)) for v in values):
            return True
    return False


def test_every_module_that_writes_a_file_is_known() -> None:
    """Only the modules listed write files: a new writer must be checked for owner-only."""
    found = {
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "stretchkit").rglob("*.py"))
        if _writes_files(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert found == set(KNOWN_WRITERS)


def _client_with_history(store: Store) -> int:
    """The first demo client, with months of sessions and measurements."""
    seed_demo_data(store, count=1, today=TODAY)
    return store.clients.all()[0].id


@pytest.mark.parametrize("existing", [None, 0o644], ids=["new-file", "file-was-0644"])
def test_a_csv_export_is_owner_only_even_with_no_umask(
    tmp_path: Path, existing: int | None
) -> None:
    """The exported history is 0600, also when it replaces a world-readable file."""
    out = tmp_path / "history.csv"
    if existing is not None:
        out.write_text("old export\n")
        out.chmod(existing)
    with Store.open(tmp_path / "s.db") as store, umask(0):
        rows = export_client(store, _client_with_history(store), out)
    assert rows > 100 and out.read_text(encoding="utf-8").startswith("kind,session_started")
    assert mode(out) == OWNER_ONLY
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_the_export_command_writes_owner_only(tmp_path: Path) -> None:
    """`stretchkit export` run by a user with a permissive umask still writes 0600."""
    db, out = tmp_path / "s.db", tmp_path / "out.csv"
    with Store.open(db) as store:
        client = _client_with_history(store)
    with umask(0):
        result = run("export", str(client), "--out", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert mode(out) == OWNER_ONLY and "owner-only" in result.stdout


def test_a_pdf_report_is_bytes_for_the_browser_not_a_file(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building a report writes no file anywhere near the user: it is handed to the
    browser's download, which the user saves where they choose."""
    monkeypatch.chdir(tmp_path)
    with Store.open(":memory:") as store:
        client_id = _client_with_history(store)
        first = store.screenings.latest(client_id)
        assert first is not None
        routine = plan(screen(first.intake, catalog), catalog)
    pdf = client_report(routine, catalog, client_name="Demo Client A", made_on=TODAY)
    assert pdf.startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == []


# --- 3. deleting a client -------------------------------------------------------------------


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [r[0] for r in rows if not r[0].startswith("sqlite_")]


def _owner_path(conn: sqlite3.Connection, table: str, seen: tuple[str, ...] = ()) -> str | None:
    """SQL selecting, for each row of `table` (`rid`), the client it is about (`owner`),
    along every chain of foreign keys that leads to clients (holds -> sessions -> clients,
    sessions -> routines -> clients); None when no key leads there."""
    if table == "clients":
        return "SELECT id AS owner, rowid AS rid FROM clients"
    paths = []
    for fk in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall():
        parent, column, parent_column = fk[2], fk[3], fk[4] or "id"
        upper = None if parent in seen else _owner_path(conn, parent, (*seen, table))
        if upper is not None:
            paths.append(
                f"SELECT p.owner AS owner, t.rowid AS rid FROM {table} AS t"
                f" JOIN {parent} AS pt ON pt.{parent_column} = t.{column}"
                f" JOIN ({upper}) AS p ON p.rid = pt.rowid"
            )
    return " UNION ".join(paths) or None


def _rows_by_owner(conn: sqlite3.Connection) -> dict[str, dict[int, list[tuple[object, ...]]]]:
    """Per table that leads to clients: every row, grouped by the client it belongs to."""
    found: dict[str, dict[int, list[tuple[object, ...]]]] = {}
    for table in _tables(conn):
        path = _owner_path(conn, table)
        if path is None:
            continue
        by_owner: dict[int, list[tuple[object, ...]]] = {}
        sql = f"SELECT o.owner, t.* FROM {table} AS t JOIN ({path}) AS o ON o.rid = t.rowid"
        for owner, *row in conn.execute(f"{sql} ORDER BY t.rowid"):
            by_owner.setdefault(owner, []).append(tuple(row))
        found[table] = by_owner
    return found


def _mentions(conn: sqlite3.Connection, client_id: int) -> dict[str, int]:
    """Rows of every table with a client_id column equal to this id, by table."""
    counts = {}
    for table in _tables(conn):
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        key = "id" if table == "clients" else "client_id"
        if key in columns:
            sql = f"SELECT count(*) FROM {table} WHERE {key} = ?"
            counts[table] = conn.execute(sql, (client_id,)).fetchone()[0]
    return counts


@pytest.fixture
def full_store(db_path: Path) -> Iterator[Store]:
    """The six demo clients with months of history, a pain flag, measurements, a template
    and links; freed space left in place by default, as some SQLite builds do."""
    with Store.open(db_path) as store:
        store.conn.execute("PRAGMA secure_delete = OFF")  # raw SQL: the SQLite file's setting
        seed_demo_data(store, today=TODAY)
        client = store.clients.all()[0]
        current = store.routines.current(client.id)
        assert current is not None
        store.routines.save_template("Demo Template", current.routine)
        for c in store.clients.all():
            store.links.create(c.id, f"phone of {c.name}")
            store.measurements.add(c.id, Measurement("sit-and-reach", "", 10.0, TODAY, c.name))
            store.screenings.report_health_change(c.id, TODAY, f"Told us: {c.name} moved house")
            sessions = store.sessions.of_client(c.id)
            if sessions:
                event = SessionEvent("warm-up-elsewhere", "", f"{c.name} came from a class")
                store.sessions.record_event(sessions[-1].id, event)
        store.trainers.add("jordan", "Jordan Vale")
        store.trainers.hand_over(_victim(store), "jordan")
        _keep_charts(store)
        yield store


def _keep_charts(store: Store) -> None:
    """Each client's adherence chart, drawn and kept by the store as the workbook does."""
    catalog = default_catalog()
    for c in store.clients.all():
        shelf = ChartShelf(store, catalog, c.id, TODAY)
        shown = client_progress(store, catalog, c.id, TODAY)
        kept_progress_charts(shelf, shown, catalog, "workbook", ("adherence",))


def _victim(store: Store) -> int:
    """Tamsin Dunmore: screened twice after a pain flag, with sessions, holds and routines."""
    return next(c.id for c in store.clients.all() if c.name == "Tamsin Dunmore")


def test_deleting_a_client_removes_every_row_about_them_and_nothing_else(
    full_store: Store,
) -> None:
    """Every table is followed to its client through its foreign keys: before the delete the
    client owns rows in each, afterwards in none; every other row is unchanged."""
    # raw SQL: a walk over the SQLite file's tables and foreign keys, whatever they are
    conn, victim = full_store.conn, _victim(full_store)
    before = _rows_by_owner(conn)
    unowned = {"schema_migrations", "alembic_version", "trainers", LOG}  # the log: see below
    assert set(before) == set(_tables(conn)) - unowned
    assert all(before[table].get(victim) for table in before), "the client must own rows"
    full_store.clients.delete(victim)
    after = _rows_by_owner(conn)
    assert all(victim not in after[table] for table in after)
    for table, by_owner in before.items():
        assert after[table] == {o: rows for o, rows in by_owner.items() if o != victim}
    mentions = _mentions(conn, victim)
    assert mentions.pop(LOG) > 0, "the access log keeps its entries (by number only)"
    assert set(mentions.values()) == {0}
    assert len(full_store.routines.templates()) == 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


LOG = "access_log"
"""The one table that names clients by number with no foreign key: its entries outlive the
client, holding no name, contact or health data (tested below)."""


def _log_rows(conn: sqlite3.Connection, victim: int) -> list[tuple[object, ...]]:
    return conn.execute(f"SELECT * FROM {LOG} WHERE client_id = ?", (victim,)).fetchall()


def test_a_deleted_client_leaves_one_entry_saying_so_with_none_of_their_details(
    full_store: Store,
) -> None:
    """Deleting through the service leaves one 'client deleted' entry, naming who and when;
    no entry about the client (nor any column of the log) holds their name, contact, notes,
    a note written about them, or any health data: only kinds, numbers and logins."""
    conn, victim = full_store.conn, _victim(full_store)
    traces = [t.decode() for t in _traces(full_store, victim)]
    get_client(full_store, victim)
    delete_client(full_store, victim)
    rows = _log_rows(conn, victim)
    deleted = [r for r in rows if r[2] == "client-deleted"]
    assert len(deleted) == 1 and len(rows) > 1
    assert deleted[0][6:9] == ("local", "workbook", "")  # actor, place, no detail
    assert [t for t in traces for r in rows for v in r if isinstance(v, str) and t in v] == []
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({LOG})")]
    kept = "id at kind client_id trainer_id who actor place detail"
    assert columns == kept.split()
    assert full_store.access_log.of_client(victim) == ()  # gone with the client


def _traces(store: Store, victim: int) -> list[bytes]:
    """The client's free text: name, contact, notes and the notes written about them."""
    client = store.clients.get(victim)
    texts = [client.name, client.details.contact, client.details.notes]
    texts.append(f"Told us: {client.name} moved house")
    return [t.encode("utf-8") for t in texts if t]


def _file_bytes(db: Path) -> bytes:
    return b"".join(f.read_bytes() for f in store_files(db) if f.exists())


def test_a_deleted_client_leaves_no_trace_in_the_files(full_store: Store, db_path: Path) -> None:
    """Right after the delete (store still open), after closing and after a VACUUM, none of
    the client's text is anywhere in the database, WAL or shared-memory file; another
    client's name still is (the search works)."""
    victim = _victim(full_store)
    traces = _traces(full_store, victim)
    assert all(t in _file_bytes(db_path) for t in traces)
    full_store.clients.delete(victim)
    assert not [t for t in traces if t in _file_bytes(db_path)]
    full_store.close()
    assert not [t for t in traces if t in _file_bytes(db_path)]
    assert b"Kai Elderfield" in db_path.read_bytes()
    with Store.open(db_path, trainer="local") as store:
        store.conn.execute("VACUUM")  # raw SQL: rewriting the SQLite file itself
    assert not [t for t in traces if t in _file_bytes(db_path)]


def test_a_deleted_clients_kept_chart_leaves_no_trace_in_the_files(
    full_store: Store, db_path: Path
) -> None:
    """The PNG the store kept of the client's chart is in the file until the delete, and
    nowhere in the database or its journal files afterwards."""
    victim = _victim(full_store)
    (name,) = full_store.chart_cache.kept(victim)
    # raw SQL: the kept bytes as the SQLite file holds them
    png = full_store.conn.execute(
        "SELECT png FROM chart_cache WHERE client_id = ? AND name = ?", (victim, name)
    ).fetchone()[0]
    piece = png[120:320]  # compressed picture data, in the row's own page
    assert piece in _file_bytes(db_path)
    full_store.clients.delete(victim)
    assert piece not in _file_bytes(db_path)
    assert full_store.chart_cache.kept(victim) == ()


def test_the_delete_keeps_the_connections_own_setting(full_store: Store) -> None:
    """secure_delete is on for the delete only: the connection's setting is put back."""
    full_store.clients.delete(_victim(full_store))
    # raw SQL: the connection's own SQLite setting
    assert full_store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 0


def test_a_delete_while_another_connection_reads_does_not_wait(
    full_store: Store, db_path: Path
) -> None:
    """A reader holding a snapshot (the dashboard, say) neither blocks nor fails the delete;
    the rows are gone and the busy timeout is unchanged."""
    with closing(sqlite3.connect(db_path, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM holds").fetchone()
        full_store.clients.delete(_victim(full_store))
        reader.execute("COMMIT")
    assert full_store.clients.count() == 5
    # raw SQL: the connection's own SQLite setting
    assert full_store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


# --- 4. tokens ------------------------------------------------------------------------------


def _assert_no_token(text: str, tokens: list[str]) -> None:
    for token in tokens:
        assert token not in text
        assert token[:8] not in text, "more than the short hint shown"


@pytest.mark.slow
def test_no_command_but_link_create_shows_a_whole_token(tmp_path: Path) -> None:
    """Listing, revoking, exporting, the client list and info never print a token (at most
    its 4-character hint); `link create` prints its own once."""
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        seed_demo_data(store, count=2, today=TODAY)
        tokens = [store.links.create(c.id, "phone")[1] for c in store.clients.all()]
    created = run("link", "create", "1", "--db", str(db))
    fresh = re.findall(r"\?key=([A-Za-z0-9_-]+)", created.stdout)
    assert len(fresh) == 1 and created.stdout.count(fresh[0]) == 1
    tokens += fresh
    commands = [
        ("link", "list"),
        ("link", "list", "1"),
        ("link", "revoke", "1"),
        ("link", "list"),
        ("clients",),
        ("info",),
        ("export", "1", "--out", str(tmp_path / "h.csv")),
    ]
    for command in commands:
        result = run(*command, "--db", str(db))
        assert result.returncode == 0, (command, result.stderr)
        _assert_no_token(result.stdout + result.stderr, tokens)
    listing = run("link", "list", "--db", str(db)).stdout
    assert all(f"{t[:4]}\u2026" in listing for t in tokens)
    _assert_no_token((tmp_path / "h.csv").read_text(), tokens)


def test_the_dashboard_log_filter_redacts_every_key() -> None:
    """Real tokens in the lines Voila and tornado print leave the filter as 'key=…'."""
    log = DashboardLog(pool_size=1)
    tokens = [new_token() for _ in range(20)]
    lines = [
        "[W 2026-03-01 10:00:00.000 Voila] WARNING | 404 GET /?key={t} (10.0.0.7) 1.2ms",
        "[E 2026-03-01 10:00:00.000 Voila] ERROR | Uncaught exception GET /?key={t}&v=2",
        "[W 2026-03-01 10:00:00.000 Voila] WARNING | referer=http://10.0.0.2:8866/?key={t}",
        "    QUERY_STRING='key={t}'",
    ]
    for token in tokens:
        for line in lines:
            shown = log(line.format(t=token))
            assert shown is not None and "key=\u2026" in shown
            _assert_no_token(shown, [token])


LINK_IN_TEXT = re.compile(r"key=(?!\u2026)[A-Za-z0-9_%-]{20,}")


def test_no_saved_notebook_or_doc_holds_a_link_with_its_key() -> None:
    """Notebook outputs and documents never carry a client's link with its key."""
    files = [*(ROOT / "notebooks").glob("*.ipynb"), ROOT / "README.md"]
    found = {f.name: LINK_IN_TEXT.findall(f.read_text(encoding="utf-8")) for f in files}
    assert {name: hits for name, hits in found.items() if hits} == {}
