-- What happened during a session besides its holds, in order: the client warmed up elsewhere,
-- numbness or tingling (the session ends), sharp pain (the stretch ends) and what the trainer
-- chose next, holds eased off after too intense a sensation, a session stopped because the
-- client was no longer ready. The kinds are checked by stretchkit.session_log.EVENT_KINDS.
CREATE TABLE session_events (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (length(trim(kind)) > 0),
    stretch_id  TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL  -- ISO 8601 timestamp with the local UTC offset
);
CREATE INDEX session_events_by_session ON session_events (session_id, id);
