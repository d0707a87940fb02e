CREATE UNIQUE INDEX users_by_email ON users (email);
