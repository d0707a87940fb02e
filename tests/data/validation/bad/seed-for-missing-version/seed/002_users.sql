INSERT INTO users (email) VALUES ('ann@example.com');
