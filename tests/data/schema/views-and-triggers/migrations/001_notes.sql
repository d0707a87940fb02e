CREATE TABLE notes (
  id INTEGER PRIMARY KEY,

  body TEXT NOT NULL DEFAULT ';

not the end',
  updated_at TEXT
);

CREATE VIEW   recent_notes AS
  SELECT id, body FROM notes

  ORDER BY id DESC;

CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes
BEGIN
  UPDATE notes SET updated_at = 'changed' WHERE id = new.id;

  SELECT 'a; b';
END;
