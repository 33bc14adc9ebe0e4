-- Personal client links: a client opens their dashboard with a secret token in the URL. Only
-- the token's SHA-256 digest is kept; `lookup` (its first 16 hex characters) finds the row, and
-- the whole digest is then compared in constant time. The token itself is never stored.
CREATE TABLE client_links (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    lookup     TEXT NOT NULL CHECK (length(lookup) = 16),
    digest     TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
    hint       TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL,  -- ISO 8601 timestamp, UTC
    revoked    TEXT NULL,      -- when the link stopped working, or NULL while active
    last_used  TEXT NULL       -- when the dashboard last opened with it, or NULL
);
CREATE INDEX client_links_by_lookup ON client_links (lookup);
CREATE INDEX client_links_by_client ON client_links (client_id, created);
