INSERT INTO users (email) VALUES ('ann@example.com');
-- A row the schema after migration 1 refuses: the seed is wrong, not the migrations.
INSERT INTO users (email) VALUES (NULL);
