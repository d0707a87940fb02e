CREATE TABLE t (x DEFAULT (fts3_tokenizer('simple')), y);
INSERT INTO t (y) VALUES (1);
