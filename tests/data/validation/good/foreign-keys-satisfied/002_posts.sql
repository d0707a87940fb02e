CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
INSERT INTO users (id, email) VALUES (1, 'a@example.com');
INSERT INTO posts VALUES (1, 1), (2, NULL);
