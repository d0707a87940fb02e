-- destructive: legacy ids were copied to the accounts service
CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age INTEGER);
INSERT INTO users_new SELECT id, email, age FROM "user list";
DROP TABLE "user list";
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_by_age ON users (age);
ALTER TABLE sessions RENAME TO logins;
