"""A process that logs holds through the public store API, for the crash and concurrency tests.

Run as `python -m tests.store_child MODE DB NAME [HOLDS]` from the project folder, DB being
the store's location as --db takes it (a file path, or a PostgreSQL URL):

- `crash`: opens the store, finds or adds the client NAME, starts a session, prints
  `session ID`, then logs holds until it is killed (or a safety limit of time runs out),
  printing `hold ID SESSION I` after each commit has returned.
- `writer`: opens the store, adds the client NAME, starts a session, prints `ready SESSION`,
  waits for a line on stdin, logs HOLDS holds (printing `hold ID SESSION I` for each), then
  prints `done` and exits.

Every line is flushed at once, so a line the parent has read names a hold already committed.
The values of hold I are `expected_entry(I)`: the parent checks them against the database.
"""

from __future__ import annotations

import sys
import time

from stretchkit.clients import ClientDetails
from stretchkit.planning.prescription import Side
from stretchkit.session.log import HoldEntry
from stretchkit.store import Store

SAFETY_LIMIT_S = 60.0
STRETCHES = ("seated-thoracic-flexion", "seated-thoracic-rotation", "cat-cow")
SIDES: tuple[Side, ...] = ("", "left", "right")


def expected_entry(i: int) -> HoldEntry:
    """The hold a child logs as its i-th of a session (0-based): every column varies with i."""
    reps = 1 + i % 20
    return HoldEntry(
        STRETCHES[i % 3],
        SIDES[(i // 3) % 3],
        1 + (i * 7) % reps,
        reps,
        1 + (i * 13) % 600,
        (i * 31) % 601,
        None if i % 12 == 11 else i % 11,
        i % 17 == 0,
    )


def say(line: str) -> None:
    """One whole line on stdout, flushed (a single short write, so never seen half-written)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def client_named(store: Store, name: str) -> int:
    """The id of the client with this name, added if there is none yet."""
    for client in store.clients.all():
        if client.details.name == name:
            return client.id
    return store.clients.add(ClientDetails(name)).id


def crash(db: str, name: str) -> None:
    """Log holds until killed."""
    with Store.open(db) as store:
        session = store.sessions.start(client_named(store, name), None)
        say(f"session {session.id}")
        deadline = time.monotonic() + SAFETY_LIMIT_S
        i = 0
        while time.monotonic() < deadline:
            hold = store.sessions.log_hold(session.id, expected_entry(i))
            say(f"hold {hold.id} {session.id} {i}")
            i += 1


def writer(db: str, name: str, holds: int) -> None:
    """Log a fixed number of holds once told to start, reading back now and then as a
    dashboard would."""
    with Store.open(db) as store:
        client = store.clients.add(ClientDetails(name)).id
        session = store.sessions.start(client, None, "home")
        say(f"ready {session.id}")
        sys.stdin.readline()
        for i in range(holds):
            hold = store.sessions.log_hold(session.id, expected_entry(i))
            say(f"hold {hold.id} {session.id} {i}")
            if i % 50 == 49:
                store.history.of_client(client)
        say("done")


def main(argv: list[str]) -> None:
    mode, db, name, *rest = argv
    if mode == "crash":
        crash(db, name)
    elif mode == "writer":
        writer(db, name, int(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
