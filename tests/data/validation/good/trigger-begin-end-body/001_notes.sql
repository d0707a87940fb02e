CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, updated INTEGER DEFAULT 0);
CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes
BEGIN
  UPDATE notes SET updated = updated + 1 WHERE id = NEW.id;
  SELECT CASE WHEN NEW.body = '' THEN RAISE(ABORT, 'empty; body') END;
END;
INSERT INTO notes (body) VALUES ('x');
UPDATE notes SET body = 'y';
