-- The application's own table named migrations: the set records its
-- migrations in TABLE schema_history instead.
CREATE TABLE migrations (id INTEGER PRIMARY KEY, note TEXT);
