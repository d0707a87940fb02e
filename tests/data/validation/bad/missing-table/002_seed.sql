INSERT INTO users (email) VALUES ('a@example.com');
INSERT INTO accounts (id) VALUES (1);
