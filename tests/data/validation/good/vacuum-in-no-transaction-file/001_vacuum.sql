-- no-transaction
CREATE TABLE t (x);
INSERT INTO t VALUES (1);
VACUUM;
