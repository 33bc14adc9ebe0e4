-- What the trainer writes for the client to read (shown on the client's dashboard and
-- handout), kept apart from `notes`, the trainer's private notes that never leave the
-- workbook. Every note written before this step stays private: the new note starts empty.
-- (The PostgreSQL form of ../sqlite/0012_client_note.sql; the row-level security of 0007
-- covers the new column.)
ALTER TABLE clients ADD COLUMN client_note text NOT NULL DEFAULT '';
-- The dashboard's login reads the clients' rows it is shown (one client, by row-level
-- security) but never the trainers' private notes: its SELECT is on every column but `notes`.
-- A later step adding a column the dashboard needs grants it that column as well.
REVOKE SELECT ON clients FROM stretchkit_dashboard;
GRANT SELECT (id, name, contact, created, trainer_id, archived, client_note) ON clients
    TO stretchkit_dashboard;
