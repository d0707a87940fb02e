-- Holds only with PRAGMA foreign_keys on: the cascade removes the duplicate
-- children before the unique index is built. A replay with foreign keys off
-- fails on the index.
CREATE TABLE parents (id INTEGER PRIMARY KEY);
CREATE TABLE children (parent INTEGER REFERENCES parents(id) ON DELETE CASCADE, name TEXT);
INSERT INTO parents VALUES (1);
INSERT INTO children VALUES (1, 'twin'), (1, 'twin');
DELETE FROM parents WHERE id = 1;
CREATE UNIQUE INDEX children_name ON children(name);
