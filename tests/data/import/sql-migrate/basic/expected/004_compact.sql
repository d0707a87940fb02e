-- no-transaction
-- imported from sql-migrate id compact.sql
VACUUM;
