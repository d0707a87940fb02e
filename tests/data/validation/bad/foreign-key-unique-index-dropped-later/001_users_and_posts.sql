CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author TEXT REFERENCES users (email));
