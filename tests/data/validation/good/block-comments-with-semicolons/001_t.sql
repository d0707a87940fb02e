/* setup; creates t;
   spans lines; */
CREATE TABLE t (x /* inline; */);
/* trailing; */ INSERT INTO t VALUES (1); -- last; comment