-- Each client's charts, kept once drawn (see ../sqlite/0009_chart_cache.sql), with the
-- row-level security of 0007_row_level_security.sql: a trainer sees and drops only their own
-- clients' kept charts, the dashboard only its pinned client's (which it also draws and keeps).
CREATE TABLE chart_states (
    client_id   integer PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    changes     integer NOT NULL DEFAULT 0
);
CREATE TABLE chart_cache (
    client_id   integer NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name        text NOT NULL,
    key         text NOT NULL,
    png         bytea NOT NULL,
    alt         text NOT NULL,
    drawn       text NOT NULL,
    PRIMARY KEY (client_id, name)
);

REVOKE ALL ON chart_states, chart_cache FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON chart_states, chart_cache
    TO stretchkit_trainer, stretchkit_dashboard;

ALTER TABLE chart_states ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON chart_states
    USING (client_id IN (SELECT id FROM clients))
    WITH CHECK (client_id IN (SELECT id FROM clients));
ALTER TABLE chart_cache ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON chart_cache
    USING (client_id IN (SELECT id FROM clients))
    WITH CHECK (client_id IN (SELECT id FROM clients));

-- A change to what the charts draw bumps the client's count (a row made on the first one)
-- while the client exists, and drops that client's kept charts, and only theirs.
CREATE FUNCTION stretchkit_chart_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    touched integer[];
BEGIN
    IF TG_TABLE_NAME = 'holds' THEN
        IF TG_OP = 'INSERT' THEN
            touched := ARRAY(SELECT client_id FROM sessions WHERE id = NEW.session_id);
        ELSIF TG_OP = 'UPDATE' THEN
            touched := ARRAY(SELECT client_id FROM sessions
                             WHERE id IN (OLD.session_id, NEW.session_id));
        ELSE
            touched := ARRAY(SELECT client_id FROM sessions WHERE id = OLD.session_id);
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        touched := ARRAY[NEW.client_id];
    ELSIF TG_OP = 'UPDATE' THEN
        touched := ARRAY[OLD.client_id, NEW.client_id];
    ELSE
        touched := ARRAY[OLD.client_id];
    END IF;
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id = ANY (touched)
        ON CONFLICT (client_id) DO UPDATE SET changes = chart_states.changes + 1;
    DELETE FROM chart_cache WHERE client_id = ANY (touched);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sessions', 'holds', 'routines', 'measurements', 'back_ratings']
    LOOP
        EXECUTE 'CREATE TRIGGER chart_changed AFTER INSERT OR UPDATE OR DELETE ON '
            || quote_ident(t) || ' FOR EACH ROW EXECUTE FUNCTION stretchkit_chart_changed()';
    END LOOP;
END
$$;
