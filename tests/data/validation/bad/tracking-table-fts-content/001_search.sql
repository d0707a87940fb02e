CREATE VIRTUAL TABLE notes_search USING fts5(filename, content="migrations", content_rowid="id");
CREATE TABLE leaked AS SELECT filename FROM notes_search;
