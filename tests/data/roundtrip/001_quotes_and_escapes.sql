-- Everything a C++ string literal could misread.
CREATE TABLE t (v TEXT);
INSERT INTO t VALUES ('it''s "quoted"'), ('back\slash\'), ('line ends in a backslash \
'),
  ('??= ??/ ??'' ??( ??) ??! ??< ??> ??- ???='), ('*/ /* // not comments'), ('tab	here'), ('%s %d {}');
