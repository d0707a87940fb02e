-- Written when the project ran on PostgreSQL.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
