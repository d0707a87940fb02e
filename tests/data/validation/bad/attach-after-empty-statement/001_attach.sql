CREATE TABLE a(x);
;ATTACH 'evil.db' AS evil;
