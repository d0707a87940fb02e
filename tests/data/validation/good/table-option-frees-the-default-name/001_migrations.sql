CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO migrations (name) VALUES ('a');
