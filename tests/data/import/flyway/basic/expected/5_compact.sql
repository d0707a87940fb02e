-- no-transaction
-- imported from flyway version 3 (V3__compact.sql)
VACUUM;
