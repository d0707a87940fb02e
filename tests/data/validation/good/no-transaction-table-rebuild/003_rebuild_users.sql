-- no-transaction
-- The 12-step table rebuild from SQLite's ALTER TABLE documentation.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '');
INSERT INTO users_new (id, email) SELECT id, email FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
