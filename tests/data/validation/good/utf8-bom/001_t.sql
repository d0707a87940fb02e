-- saved by an editor that writes a BOM
CREATE TABLE t (x);
