PRAGMA foreign_keys = OFF;
CREATE TABLE t4 (x);
