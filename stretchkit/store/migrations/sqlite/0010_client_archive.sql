-- A client the trainer no longer sees regularly can be archived: hidden from the pickers and
-- the attention list, with everything about them kept, and restored at any time. NULL while
-- the client is active; else when they were archived (ISO 8601 timestamp, UTC).
ALTER TABLE clients ADD COLUMN archived TEXT;
