CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
CREATE TABLE tasks (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), title TEXT, done_at TEXT);
