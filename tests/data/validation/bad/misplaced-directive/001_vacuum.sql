DELETE FROM sqlite_sequence WHERE 0;
-- no-transaction
