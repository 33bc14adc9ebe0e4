-- The language of the client's own page, handout and calendar ('en', 'es', 'de'); '' while
-- none is set, when their page follows the language their phone asks for. (The PostgreSQL
-- form of ../sqlite/0013_client_language.sql; the row-level security of 0007 covers the new
-- column.)
ALTER TABLE clients ADD COLUMN language text NOT NULL DEFAULT '';
-- The dashboard's login reads it (its page speaks it); 0012 gave that login column rights only.
GRANT SELECT (language) ON clients TO stretchkit_dashboard;
