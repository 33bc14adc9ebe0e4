-- What the trainer writes for the client to read (shown on the client's dashboard and
-- handout), kept apart from `notes`, the trainer's private notes that never leave the
-- workbook. Every note written before this step stays private: the new note starts empty.
ALTER TABLE clients ADD COLUMN client_note TEXT NOT NULL DEFAULT '';
