-- Without --min-sqlite nothing fails: the requirement (3.38.0) is only computed and embedded.
CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT) STRICT;
SELECT doc ->> '$.a', unixepoch() FROM t;
