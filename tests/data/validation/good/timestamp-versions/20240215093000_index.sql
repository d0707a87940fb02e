CREATE INDEX users_by_email ON users (email);
