-- The access log: one entry for each time a client's record was read or changed, written by
-- the services in the same transaction as what it records (see stretchkit.store.access_log).
-- A client is named by number only, with no foreign key: the entries outlive a deleted client,
-- and the entry that they were deleted holds nothing about them.
CREATE TABLE access_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,               -- ISO 8601 timestamp, UTC
    kind        TEXT NOT NULL CHECK (length(kind) > 0),
    client_id   INTEGER,                     -- NULL for an entry about the log itself
    trainer_id  INTEGER,                     -- the trainer (or admin) who acted, if one did
    who         TEXT NOT NULL CHECK (who IN ('trainer', 'admin', 'dashboard', 'cli', 'studio')),
    actor       TEXT NOT NULL,               -- login name, 'link #N' (never its key), user
    place       TEXT NOT NULL CHECK (place IN ('workbook', 'dashboard', 'cli', 'hub')),
    detail      TEXT NOT NULL DEFAULT ''     -- a few words naming no client's data
);
CREATE INDEX access_log_by_client ON access_log (client_id, id);
CREATE INDEX access_log_by_time ON access_log (at);

-- Append-only: an entry is never changed; only the retention command removes old entries
-- (it lifts access_log_kept for its own transaction and puts it back).
CREATE TRIGGER access_log_unchanged BEFORE UPDATE ON access_log BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only: an entry cannot be changed');
END;

CREATE TRIGGER access_log_kept BEFORE DELETE ON access_log BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only: only `stretchkit access-log prune` removes old entries');
END;
