-- Screenings of a client, kept as a history: a new screening is a new row, so what a client
-- was cleared for on any past day can always be shown. Only the answers (the intake, as the
-- JSON of stretchkit.intake_codec) and the overall status are stored: the per-stretch decisions
-- are recomputed from the intake and the catalog when needed.
CREATE TABLE screenings (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    taken_on    TEXT NOT NULL CHECK (date(taken_on) IS taken_on),  -- ISO date, YYYY-MM-DD
    status      TEXT NOT NULL CHECK (status IN (
                    'cleared', 'cleared-with-cautions', 'needs-clearance', 'do-not-stretch'
                )),
    intake      TEXT NOT NULL CHECK (json_valid(intake)),  -- JSON object, with a schema key
    expires_on  TEXT NOT NULL CHECK (date(expires_on) IS expires_on),  -- 12 months later
    created     TEXT NOT NULL  -- ISO 8601 timestamp, UTC
);
CREATE INDEX screenings_by_client ON screenings (client_id, taken_on);

-- History is insert-only: a screening is never edited. A correction or a re-screen is a new
-- row. Deleting is still possible, through deleting the client (the cascade above).
CREATE TRIGGER screenings_are_insert_only BEFORE UPDATE ON screenings
BEGIN
    SELECT RAISE(ABORT, 'screenings are never changed: add a new one');
END;

-- Changes in health the client reported after a screening (by the trainer, or by a pain flag
-- raised during a session). A change on or after a screening's date ends that screening's
-- validity: the client must be screened again.
CREATE TABLE health_changes (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    reported_on  TEXT NOT NULL CHECK (date(reported_on) IS reported_on),  -- ISO date
    note         TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT 'trainer'  -- e.g. 'trainer', 'session pain flag'
                 CHECK (length(trim(source)) > 0),
    created      TEXT NOT NULL  -- ISO 8601 timestamp, UTC
);
CREATE INDEX health_changes_by_client ON health_changes (client_id, reported_on);
