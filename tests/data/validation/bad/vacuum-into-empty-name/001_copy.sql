-- no-transaction
CREATE TABLE t (a);
VACUUM INTO '';
