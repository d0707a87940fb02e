CREATE TABLE t (x);
INSERT INTO t VALUES (fts3_tokenizer('simple'));
