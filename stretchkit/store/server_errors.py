"""A PostgreSQL server's failures (unreachable, wrong password, no such database, full disk,
refused by its rules) as one StoreError each, naming the server by its URL without password."""

from __future__ import annotations

from stretchkit.errors import StoreError

__all__ = ["server_error"]

_AUTHENTICATION = ("28P01", "28000")
_NO_DATABASE = "3D000"
_DISK_FULL = ("53100", "53200")
_DISK_FULL_WORDS = (
    "no space left on device",
    # a new connection cannot write its cache file on a full disk (PostgreSQL's relcache.c)
    "could not write init file",
)
_PRIVILEGE = "42501"
_READ_ONLY = "25006"
_UNREACHABLE_WORDS = (
    "connection refused",
    "could not connect",
    "could not translate host name",
    "timeout expired",
    "no route to host",
    "server closed the connection",
    "connection is lost",
    "the connection is closed",
    "is the server running",
)


def _sqlstate(error: BaseException) -> str:
    return str(getattr(error, "sqlstate", None) or "")


def server_error(error: BaseException, shown: str) -> StoreError | None:  # noqa: PLR0911
    """The clear message for a server failure, or None for any other error (a broken rule of
    a table, for instance, which the caller reports as a bad value)."""
    state, text = _sqlstate(error), str(error).lower()
    if state in _AUTHENTICATION or "password authentication failed" in text:
        return StoreError(
            f"the PostgreSQL server at {shown} refused the login (wrong user name or "
            "password): check the user and password in --db / STRETCHKIT_DB, or in the "
            "password file PGPASSFILE names"
        )
    if "no password supplied" in text:
        return StoreError(
            f"the PostgreSQL server at {shown} asks for a password and none was found for this "
            "user: put it in the password file (~/.pgpass, or the file PGPASSFILE names, "
            "owner-only), as host:port:database:user:password"
        )
    if state == _NO_DATABASE or ("database" in text and "does not exist" in text):
        return StoreError(
            f"the PostgreSQL server at {shown} has no such database: create it first (see "
            '"A studio store on PostgreSQL" in the README), or correct --db / STRETCHKIT_DB'
        )
    if state in _DISK_FULL or any(words in text for words in _DISK_FULL_WORDS):
        return StoreError(
            f"the disk of the PostgreSQL server at {shown} is full: nothing was saved for this "
            "action. Free some space on the server, then try again"
        )
    if state == _READ_ONLY:
        return StoreError(
            f"the PostgreSQL server at {shown} is read-only (a standby, or set read-only): "
            "nothing was saved. Point --db / STRETCHKIT_DB at the primary server"
        )
    if state == _PRIVILEGE:
        return StoreError(
            f"the PostgreSQL server at {shown} refused this to your database user: nothing was "
            "saved. Ask the studio admin to give you a trainer's login (stretchkit trainer add)"
        )
    if not state and any(words in text for words in _UNREACHABLE_WORDS):
        return StoreError(
            f"cannot reach the PostgreSQL server at {shown}: check that it is running and that "
            "the host and port in --db / STRETCHKIT_DB are right, then try again"
        )
    if _is_operational(error):
        first = str(error).strip().splitlines()[0] if str(error).strip() else "no reason given"
        return StoreError(
            f"the PostgreSQL server at {shown} could not do this ({first}): nothing was saved "
            "for this action. Try again; if it happens again, ask the studio admin"
        )
    return None


def _is_operational(error: BaseException) -> bool:
    """A failure of the server or the connection (psycopg's OperationalError), as opposed to a
    broken rule of a table."""
    return any(kind.__name__ == "OperationalError" for kind in type(error).__mro__)
