CREATE TABLE notes (id INTEGER PRIMARY KEY);
PRAGMA schema_version = 1;
