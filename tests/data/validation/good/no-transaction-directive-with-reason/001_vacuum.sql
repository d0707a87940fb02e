-- no-transaction: VACUUM cannot run inside a transaction
CREATE TABLE t (x);
VACUUM;
