CREATE INDEX users_by_name
  ON users (name);
