INSERT INTO users (email) VALUES ('x');
