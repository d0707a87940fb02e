-- RENAME TO also renames the references to the table: posts now names old_users.
ALTER TABLE users RENAME TO old_users;
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO users (id) SELECT id FROM old_users;
