-- Routines. A client's routines are a history: saving a routine adds a row, and the newest is
-- the client's current routine. Templates are the trainer's reusable routines, by name, with
-- no client. The routine itself is JSON (stretchkit.routine_codec).
CREATE TABLE routines (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    template   TEXT,  -- a template's name; NULL for a client's routine
    body       TEXT NOT NULL CHECK (json_valid(body)),
    created    TEXT NOT NULL,  -- ISO 8601 timestamp, UTC
    CHECK ((client_id IS NULL) <> (template IS NULL)),
    CHECK (template IS NULL OR length(trim(template)) > 0)
);
CREATE INDEX routines_by_client ON routines (client_id, id);
CREATE UNIQUE INDEX templates_by_name ON routines (template COLLATE NOCASE)
    WHERE template IS NOT NULL;

CREATE TRIGGER client_routines_are_insert_only BEFORE UPDATE ON routines
WHEN OLD.client_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a client''s routines are never changed: save a new one');
END;

-- Sessions: one row per session run with the timer, in the studio or at home.
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    routine_id  INTEGER REFERENCES routines (id) ON DELETE SET NULL,
    place       TEXT NOT NULL CHECK (place IN ('studio', 'home')),
    status      TEXT NOT NULL DEFAULT 'in-progress'
                CHECK (status IN ('in-progress', 'completed', 'stopped', 'flagged')),
    started     TEXT NOT NULL,  -- ISO 8601 timestamp with the local UTC offset
    ended       TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_client ON sessions (client_id, started);

-- Holds: every hold logged as it ends, so a closed browser loses at most the hold in progress.
-- Sensation is the client's 0-10 rating (NULL until given); flagged means pain, numbness or
-- tingling was reported during the hold.
CREATE TABLE holds (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    stretch_id    TEXT NOT NULL CHECK (length(trim(stretch_id)) > 0),
    side          TEXT NOT NULL CHECK (side IN ('', 'left', 'right')),
    rep           INTEGER NOT NULL CHECK (rep BETWEEN 1 AND reps_planned),
    reps_planned  INTEGER NOT NULL CHECK (reps_planned BETWEEN 1 AND 20),
    target_s      INTEGER NOT NULL CHECK (target_s BETWEEN 1 AND 600),
    held_s        INTEGER NOT NULL CHECK (held_s BETWEEN 0 AND 600),
    sensation     INTEGER CHECK (sensation BETWEEN 0 AND 10),
    flagged       INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    logged        TEXT NOT NULL  -- ISO 8601 timestamp with the local UTC offset
);
CREATE INDEX holds_by_session ON holds (session_id, id);
