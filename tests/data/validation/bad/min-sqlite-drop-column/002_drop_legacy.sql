-- The column is unused since 2.0.
ALTER TABLE notes DROP COLUMN legacy;
