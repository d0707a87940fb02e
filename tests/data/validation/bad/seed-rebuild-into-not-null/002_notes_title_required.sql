-- The 12-step rebuild, making title NOT NULL: the copy fails where a title is NULL.
CREATE TABLE notes_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);
INSERT INTO notes_new (id, title, body) SELECT id, title, body FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
