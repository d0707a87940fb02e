-- Rebuild scenes with a NOT NULL position column (SQLite's ALTER TABLE cannot
-- add one without a default), done the naive way: rename, create, copy, drop.
ALTER TABLE scenes RENAME TO _scenes_old;
CREATE TABLE scenes (id INTEGER PRIMARY KEY, title TEXT, position INTEGER NOT NULL);
INSERT INTO scenes (id, title, position) SELECT id, title, id FROM _scenes_old;
DROP TABLE _scenes_old;
