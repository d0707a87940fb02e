INSERT INTO users (email) VALUES ('ann@example.com');
DELETE FROM migrations WHERE version = 1;
