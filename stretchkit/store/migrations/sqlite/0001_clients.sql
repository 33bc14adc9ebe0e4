-- Clients of the trainer. Every later table about a client refers here with ON DELETE CASCADE,
-- so deleting a client deletes everything about them.
CREATE TABLE clients (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contact  TEXT NOT NULL DEFAULT '',
    notes    TEXT NOT NULL DEFAULT '',
    created  TEXT NOT NULL  -- ISO 8601, UTC
);
CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE);
