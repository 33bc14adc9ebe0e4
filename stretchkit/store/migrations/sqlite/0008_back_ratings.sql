-- How the client's back feels: stiffness and pain on a 0-10 numeric rating scale, given at the
-- start of a studio or home session (session_id set) or on the dashboard once a week. The
-- places are checked by stretchkit.progress.back_feel.RATING_PLACES.
CREATE TABLE back_ratings (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    rated       TEXT NOT NULL,  -- ISO 8601 timestamp with the local UTC offset
    stiffness   INTEGER NOT NULL CHECK (stiffness BETWEEN 0 AND 10),
    pain        INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    place       TEXT NOT NULL CHECK (place IN ('studio', 'home', 'dashboard')),
    created     TEXT NOT NULL  -- ISO 8601 timestamp, UTC
);
CREATE INDEX back_ratings_by_client ON back_ratings (client_id, rated);
