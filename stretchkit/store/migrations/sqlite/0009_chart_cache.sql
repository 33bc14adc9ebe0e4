-- Each client's charts, kept once drawn: the PNG and its text alternative, under the key of
-- what it shows (see stretchkit.services.chart_store). chart_states.changes counts every
-- change to what the charts draw (sessions, holds, routines, field tests, back ratings);
-- the triggers below bump it and drop that client's kept charts, and only that client's.
CREATE TABLE chart_states (
    client_id   INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    changes     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE chart_cache (
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,  -- which chart, drawn for what (e.g. 'holds@dashboard')
    key         TEXT NOT NULL,  -- what it shows: changes, day, size, drawing version
    png         BLOB NOT NULL,
    alt         TEXT NOT NULL,  -- the chart's text alternative
    drawn       TEXT NOT NULL,  -- ISO 8601 timestamp, UTC
    PRIMARY KEY (client_id, name)
);
-- A change bumps the client's count (a row made on the first one) when the client still
-- exists (not while it is being deleted), and drops the client's kept charts.

CREATE TRIGGER chart_change_session_added AFTER INSERT ON sessions BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (NEW.client_id);
END;

CREATE TRIGGER chart_change_session_changed AFTER UPDATE ON sessions BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id, NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER chart_change_session_deleted AFTER DELETE ON sessions BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id);
END;

CREATE TRIGGER chart_change_hold_added AFTER INSERT ON holds BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (SELECT client_id FROM sessions WHERE id IN (NEW.session_id))
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (SELECT client_id FROM sessions WHERE id IN (NEW.session_id));
END;

CREATE TRIGGER chart_change_hold_changed AFTER UPDATE ON holds BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (SELECT client_id FROM sessions WHERE id IN (OLD.session_id, NEW.session_id))
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (SELECT client_id FROM sessions WHERE id IN (OLD.session_id, NEW.session_id));
END;

CREATE TRIGGER chart_change_hold_deleted AFTER DELETE ON holds BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (SELECT client_id FROM sessions WHERE id IN (OLD.session_id))
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (SELECT client_id FROM sessions WHERE id IN (OLD.session_id));
END;

CREATE TRIGGER chart_change_routine_added AFTER INSERT ON routines BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (NEW.client_id);
END;

CREATE TRIGGER chart_change_routine_changed AFTER UPDATE ON routines BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id, NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER chart_change_routine_deleted AFTER DELETE ON routines BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id);
END;

CREATE TRIGGER chart_change_measurement_added AFTER INSERT ON measurements BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (NEW.client_id);
END;

CREATE TRIGGER chart_change_measurement_changed AFTER UPDATE ON measurements BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id, NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER chart_change_measurement_deleted AFTER DELETE ON measurements BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id);
END;

CREATE TRIGGER chart_change_rating_added AFTER INSERT ON back_ratings BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (NEW.client_id);
END;

CREATE TRIGGER chart_change_rating_changed AFTER UPDATE ON back_ratings BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id, NEW.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER chart_change_rating_deleted AFTER DELETE ON back_ratings BEGIN
    INSERT INTO chart_states (client_id, changes)
        SELECT id, 1 FROM clients WHERE id IN (OLD.client_id)
        ON CONFLICT (client_id) DO UPDATE SET changes = changes + 1;
    DELETE FROM chart_cache WHERE client_id IN (OLD.client_id);
END;
