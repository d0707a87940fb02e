-- Tables of every kind the populated-table probe meets. The probe gives each
-- empty table one row; where the row itself is refused (codes' CHECK, frozen's
-- trigger) the table is left alone.
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, team_id INTEGER REFERENCES teams (id));
CREATE TABLE counters (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE codes (code TEXT NOT NULL CHECK (length(code) = 3));
CREATE TABLE frozen (x);
CREATE TRIGGER frozen_is_frozen BEFORE INSERT ON frozen BEGIN SELECT RAISE(ABORT, 'frozen'); END;
CREATE TABLE logs (id INTEGER PRIMARY KEY, message TEXT NOT NULL);
INSERT INTO logs (message) VALUES ('started');
