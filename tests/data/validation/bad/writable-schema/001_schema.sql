-- no-transaction
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = 'x' WHERE name = 't';
