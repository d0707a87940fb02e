PRAGMA foreign_keys = OFF;
CREATE TABLE t2 (x);
