INSERT INTO users (email) VALUES ('ann@example.com');
CREATE INDEX users_by_email ON users (email);
