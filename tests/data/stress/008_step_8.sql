-- no-transaction
-- Runs outside a transaction, so concurrent starters must wait for its claim.
CREATE TABLE t_008 (x INTEGER);
INSERT INTO log VALUES (8);
