CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, legacy TEXT);
ALTER TABLE notes DROP COLUMN legacy;
CREATE VIRTUAL TABLE notes_search USING fts5(body, content='notes', content_rowid='id');
