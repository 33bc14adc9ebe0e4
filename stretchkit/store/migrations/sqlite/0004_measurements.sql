-- Outcome measures: field tests (sit-and-reach, seated thoracic rotation per side) recorded
-- over time. The test ids and their plausible ranges live in stretchkit.outcomes.
CREATE TABLE measurements (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    test         TEXT NOT NULL CHECK (length(trim(test)) > 0),
    side         TEXT NOT NULL CHECK (side IN ('', 'left', 'right')),
    value        REAL NOT NULL,
    measured_on  TEXT NOT NULL CHECK (date(measured_on) IS measured_on),  -- ISO date
    note         TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL  -- ISO 8601 timestamp, UTC
);
CREATE INDEX measurements_by_client ON measurements (client_id, measured_on);

