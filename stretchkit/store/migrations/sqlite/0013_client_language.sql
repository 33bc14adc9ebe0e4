-- The language of the client's own page, handout and calendar ('en', 'es', 'de'); '' while
-- none is set, when their page follows the language their phone asks for.
ALTER TABLE clients ADD COLUMN language TEXT NOT NULL DEFAULT '';
