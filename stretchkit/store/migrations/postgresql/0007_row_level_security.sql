-- Each trainer sees and changes only their own clients and everything about them, enforced by
-- PostgreSQL itself (row-level security), whatever SQL reaches it.
--
-- Roles (cluster-wide, made once): the tables belong to the role that migrates the store (the
-- studio's owner role, which the workbook never uses). A trainer logs in as a role of their
-- own, named as in trainers.username and a member of stretchkit_trainer, which holds the table
-- rights. Policies key every row on that login (current_user) through stretchkit_trainer_id();
-- an admin (trainers.is_admin) sees every client. The client dashboard logs in as
-- stretchkit_dashboard and sees, in each transaction, only the one client whose link key it
-- checked: it sets stretchkit.dashboard_client for that transaction (set_config, local).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stretchkit_trainer') THEN
        CREATE ROLE stretchkit_trainer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stretchkit_dashboard') THEN
        CREATE ROLE stretchkit_dashboard NOLOGIN;
    END IF;
END
$$;

CREATE FUNCTION stretchkit_trainer_id() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT id FROM trainers WHERE username = current_user
$$;

CREATE FUNCTION stretchkit_is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT is_admin = 1 FROM trainers WHERE username = current_user), false)
$$;

CREATE FUNCTION stretchkit_dashboard_client() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('stretchkit.dashboard_client', true), '')::integer
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO stretchkit_trainer, stretchkit_dashboard;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    clients, screenings, health_changes, routines, sessions, holds, measurements,
    client_links, session_events, client_handovers
    TO stretchkit_trainer;
GRANT SELECT, INSERT, UPDATE ON trainers TO stretchkit_trainer;
GRANT SELECT ON alembic_version, schema_migrations TO stretchkit_trainer, stretchkit_dashboard;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO stretchkit_trainer, stretchkit_dashboard;
GRANT SELECT ON clients, screenings, health_changes, routines, sessions, holds, measurements,
    client_links, session_events, trainers TO stretchkit_dashboard;
GRANT INSERT, UPDATE ON sessions, holds, session_events, health_changes TO stretchkit_dashboard;
GRANT UPDATE (last_used) ON client_links TO stretchkit_dashboard;

ALTER TABLE trainers ENABLE ROW LEVEL SECURITY;
CREATE POLICY trainers_read ON trainers FOR SELECT USING (true);
CREATE POLICY trainers_by_admin ON trainers FOR INSERT WITH CHECK (stretchkit_is_admin());
CREATE POLICY trainers_changed_by_admin ON trainers FOR UPDATE
    USING (stretchkit_is_admin()) WITH CHECK (stretchkit_is_admin());

ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_clients ON clients TO stretchkit_trainer
    USING (trainer_id = stretchkit_trainer_id() OR stretchkit_is_admin())
    WITH CHECK (trainer_id = stretchkit_trainer_id() OR stretchkit_is_admin());
CREATE POLICY dashboard_client ON clients FOR SELECT TO stretchkit_dashboard
    USING (id = stretchkit_dashboard_client());
-- A link is found by its key's digest before its client is known (a digest reveals no key).
CREATE POLICY dashboard_lookup ON client_links FOR SELECT TO stretchkit_dashboard USING (true);
-- ...and its use is recorded then (only last_used may change: the column grant above).
CREATE POLICY dashboard_records_use ON client_links FOR UPDATE TO stretchkit_dashboard
    USING (revoked IS NULL) WITH CHECK (revoked IS NULL);

-- Tables about a client: visible and writable where the client is (the subquery on clients is
-- itself filtered by the policies above).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['screenings', 'health_changes', 'sessions', 'measurements',
                             'client_links', 'client_handovers']
    LOOP
        EXECUTE 'ALTER TABLE ' || quote_ident(t) || ' ENABLE ROW LEVEL SECURITY';
        EXECUTE 'CREATE POLICY own_rows ON ' || quote_ident(t)
            || ' USING (client_id IN (SELECT id FROM clients))'
            || ' WITH CHECK (client_id IN (SELECT id FROM clients))';
    END LOOP;
    FOREACH t IN ARRAY ARRAY['holds', 'session_events']
    LOOP
        EXECUTE 'ALTER TABLE ' || quote_ident(t) || ' ENABLE ROW LEVEL SECURITY';
        EXECUTE 'CREATE POLICY own_rows ON ' || quote_ident(t)
            || ' USING (session_id IN (SELECT id FROM sessions))'
            || ' WITH CHECK (session_id IN (SELECT id FROM sessions))';
    END LOOP;
END
$$;

-- Routines: a client's own follow the client; templates (no client) are the studio's, shared.
ALTER TABLE routines ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON routines
    USING (client_id IS NULL OR client_id IN (SELECT id FROM clients))
    WITH CHECK (client_id IS NULL OR client_id IN (SELECT id FROM clients));
