CREATE TEMP VIEW migrations AS SELECT 1 AS version;
