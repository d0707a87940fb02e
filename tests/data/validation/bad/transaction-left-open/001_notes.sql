-- no-transaction: the author forgot the COMMIT
BEGIN;
CREATE TABLE notes (id INTEGER PRIMARY KEY);
