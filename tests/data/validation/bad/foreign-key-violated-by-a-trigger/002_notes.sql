CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
CREATE TRIGGER notes_post AFTER INSERT ON notes BEGIN
  INSERT INTO posts (id, user_id) VALUES (100 + new.id, 42);
END;
