-- Every migration logs itself once: the stress test counts the rows.
CREATE TABLE log (version INTEGER NOT NULL);
INSERT INTO log VALUES (1);
