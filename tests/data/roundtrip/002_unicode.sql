CREATE TABLE café (名前 TEXT);
INSERT INTO café VALUES ('😀 ünïcödé €');
