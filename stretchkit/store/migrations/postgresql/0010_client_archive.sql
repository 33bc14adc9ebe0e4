-- A client the trainer no longer sees regularly can be archived: hidden from the pickers and
-- the attention list, with everything about them kept, and restored at any time. NULL while
-- the client is active; else when they were archived (ISO 8601, UTC). (The PostgreSQL form of
-- ../sqlite/0010_client_archive.sql; the row-level security of 0007 covers the new column.)
ALTER TABLE clients ADD COLUMN archived text;
