-- Slow on purpose, to widen the window in which the crash test kills the process.
CREATE TABLE t_4 (n INTEGER NOT NULL);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 60000)
INSERT INTO t_4 SELECT n FROM c;
CREATE INDEX t_4_n ON t_4 (n);
