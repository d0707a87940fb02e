-- Saved on Windows
CREATE TABLE crlf (x);
INSERT INTO crlf VALUES ('ab');
