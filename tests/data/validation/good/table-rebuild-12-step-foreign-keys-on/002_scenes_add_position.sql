-- no-transaction: SQLite's 12-step rebuild turns foreign keys off outside its own transaction
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE new_scenes (id INTEGER PRIMARY KEY, title TEXT, position INTEGER NOT NULL);
INSERT INTO new_scenes (id, title, position) SELECT id, title, id FROM scenes;
DROP TABLE scenes;
ALTER TABLE new_scenes RENAME TO scenes;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
