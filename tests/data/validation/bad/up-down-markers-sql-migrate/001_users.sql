-- a comment first
-- +migrate Up
CREATE TABLE users (id INTEGER PRIMARY KEY);
-- +migrate Down
DROP TABLE users;
