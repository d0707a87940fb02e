CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER, kind TEXT);
-- iif() in a trigger body: SQLite resolves it only when the trigger fires.
CREATE TRIGGER events_kind AFTER INSERT ON events BEGIN
  UPDATE events SET kind = iif(new.kind IS NULL, 'none', new.kind) WHERE id = new.id;
END;
CREATE VIEW recent AS SELECT id FROM events WHERE at > unixepoch() - 86400;
INSERT INTO events (at) VALUES (0) RETURNING id;
