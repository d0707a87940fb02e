CREATE TABLE "user list" (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, legacy_id INTEGER, age TEXT);
CREATE INDEX "user list by age" ON "user list" (age);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES "user list"(id));
