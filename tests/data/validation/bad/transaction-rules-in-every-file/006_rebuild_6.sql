PRAGMA foreign_keys = OFF;
CREATE TABLE t6 (x);
