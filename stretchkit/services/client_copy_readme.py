"""What the client's own copy of their data holds, file by file and column by column: the
README.txt inside the ZIP, written from these descriptions so that it names every file and
column the copy has."""

from __future__ import annotations

from stretchkit.progress.history_csv import COLUMNS as HISTORY_COLUMNS

__all__ = [
    "ACCESS_LOG_COLUMNS",
    "FILES",
    "HEALTH_CHANGE_COLUMNS",
    "JSON_FILE",
    "README_FILE",
    "ROUTINE_COLUMNS",
    "SCREENING_COLUMNS",
    "readme_text",
]

JSON_FILE = "my-data.json"
README_FILE = "README.txt"

SCREENING_COLUMNS = {
    "taken_on": "the day you were screened (YYYY-MM-DD)",
    "status": (
        "what the screening allowed: cleared, cleared-with-cautions, needs-clearance "
        "(a healthcare professional's clearance first) or do-not-stretch"
    ),
    "expires_on": "the day the screening is due again",
    "recorded": "when it was written down (date, time and UTC offset)",
    "answers": "every answer you gave, as JSON (the same as 'answers' in my-data.json)",
}
HEALTH_CHANGE_COLUMNS = {
    "reported_on": "the day the change in your health happened",
    "source": "who reported it: your trainer, or a session where pain or numbness was flagged",
    "note": "what was said about it",
    "recorded": "when it was written down",
}
ROUTINE_COLUMNS = {
    "saved": "when the routine was saved (the newest is your current routine)",
    "days_per_week": "how many sessions a week it plans",
    "stretches": "its stretches in order, separated by '; '",
    "routine": "the whole routine as JSON: every stretch, side, hold and repetition",
}
ACCESS_LOG_COLUMNS = {
    "at": "when your record was viewed or changed",
    "who": "who did it: your trainer, you through your page's link, an admin",
    "what": "what was done: screening read or saved, progress viewed, exported, ...",
    "where": "from where: the workbook, your page, the command line, the studio server",
    "detail": "anything else the entry says, as JSON",
}
HISTORY_HELP = {
    "kind": "what the row is: session, hold, measurement (a field test) or rating (back)",
    "session_started": "when the session started (a hold row: its session's start)",
    "place": "studio or home (a rating: studio, home or dashboard)",
    "status": "how the session ended: completed, stopped, flagged or in-progress",
    "ended": "when the session ended",
    "logged": "when a hold was logged, or a back rating given",
    "stretch": "the stretch held (its id)",
    "side": "left, right or both",
    "rep": "which repetition of the stretch this hold was",
    "reps_planned": "how many repetitions were planned",
    "target_s": "the planned hold, in seconds",
    "held_s": "how long it was held, in seconds",
    "sensation": "how strong the stretch felt, 0-10 (empty: not rated)",
    "flagged": "yes when pain, numbness or tingling was reported",
    "test": "the field test (its id)",
    "measured_on": "the day of the field test",
    "value": "the field test's result, in its own unit",
    "note": "a note on the session or field test",
    "stiffness": "how stiff your back felt, 0-10",
    "pain": "how much your back hurt, 0-10",
}
FILES = {
    JSON_FILE: (
        "everything below in one file: your details and the note from your trainer, "
        "screenings with every answer, health changes, routines, sessions with their holds, "
        "field tests, back ratings and the log of who viewed or changed your record",
        {},
    ),
    "history.csv": (
        "sessions, holds, field tests and back ratings, one row each (the file a trainer "
        "imports with `stretchkit import`)",
        HISTORY_HELP,
    ),
    "screenings.csv": ("your screenings, oldest first", SCREENING_COLUMNS),
    "health_changes.csv": ("changes in your health that were reported", HEALTH_CHANGE_COLUMNS),
    "routines.csv": ("your routines, oldest first", ROUTINE_COLUMNS),
    "access_log.csv": ("who viewed or changed your record, and when", ACCESS_LOG_COLUMNS),
}
"""Each file of the copy: what it holds and what each of its columns means."""

_INTRO = """\
Your stretching data, as kept by your trainer with stretchkit
=============================================================

Made {made}. This is all that is stored about you: your name and contact, the
note your trainer wrote for you, your screenings, health changes, routines,
sessions, holds, field tests and back ratings, and the log of who looked at or
changed your record. Your trainer's own private notes are not health data about
you and are not included. Times are ISO 8601 with their UTC offset; days are
YYYY-MM-DD. The CSV files open in any spreadsheet; my-data.json holds the same
rows for programs. Keep this file private: it is health data.
"""


def readme_text(made: str) -> str:
    """The README.txt of a copy made at `made` (a date and time)."""
    parts = [_INTRO.format(made=made)]
    for name, (holds, columns) in FILES.items():
        parts.append(f"\n{name}: {holds}.\n")
        parts.extend(f"  - {column}: {meaning}\n" for column, meaning in columns.items())
    return "".join(parts)


assert tuple(HISTORY_HELP) == HISTORY_COLUMNS, "every history column is explained"
