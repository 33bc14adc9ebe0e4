"""The words of a PostgreSQL failure that has no SQLSTATE (a connection that failed while it
started) still give one clear message, never the driver's traceback."""

from __future__ import annotations

import psycopg

from stretchkit.store.server_errors import server_error

SHOWN = "postgresql://trainer@127.0.0.1:5432/studio"


def test_a_new_connection_on_a_full_disk_reads_as_a_full_disk() -> None:
    """PostgreSQL ends a new connection with "could not write init file" when its disk is full."""
    failed = psycopg.OperationalError(
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        "FATAL:  could not write init file"
    )
    found = server_error(failed, SHOWN)
    assert found is not None
    assert f"the disk of the PostgreSQL server at {SHOWN} is full" in str(found)


def test_an_unknown_server_failure_names_the_server_and_says_nothing_was_saved() -> None:
    failed = psycopg.OperationalError("FATAL:  the database system is shutting down\nDETAIL: x")
    found = server_error(failed, SHOWN)
    assert found is not None
    assert str(found).startswith(f"the PostgreSQL server at {SHOWN} could not do this (FATAL:")
    assert "nothing was saved" in str(found)
    assert "DETAIL" not in str(found)


def test_a_broken_rule_of_a_table_is_left_to_the_caller() -> None:
    broken = psycopg.errors.UniqueViolation("duplicate key value violates unique constraint")
    assert server_error(broken, SHOWN) is None
