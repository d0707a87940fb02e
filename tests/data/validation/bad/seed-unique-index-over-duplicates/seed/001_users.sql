-- Nothing stopped two accounts with one email before migration 2.
INSERT INTO users (email) VALUES ('ann@example.com'), ('bob@example.com'), ('ann@example.com');
