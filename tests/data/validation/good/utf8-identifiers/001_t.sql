CREATE TABLE café (名前 TEXT, значение INTEGER);
INSERT INTO café VALUES ('😀', 1);
