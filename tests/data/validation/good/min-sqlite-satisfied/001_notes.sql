CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, legacy TEXT);
INSERT INTO notes (body) VALUES ('ALTER TABLE x DROP COLUMN y; RETURNING; unixepoch()') RETURNING id;
ALTER TABLE notes DROP COLUMN legacy;
-- unixepoch() and STRICT are 3.38.0 and 3.37.0, but only in this comment
INSERT INTO notes (body) VALUES ('a') ON CONFLICT DO NOTHING;
