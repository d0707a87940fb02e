-- Written when the project ran on PostgreSQL.
-- +goose Up
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- +goose Down
DROP EXTENSION pgcrypto;
