-- migrate:up
CREATE TABLE users (id INTEGER PRIMARY KEY);

-- migrate:down
DROP TABLE users;
