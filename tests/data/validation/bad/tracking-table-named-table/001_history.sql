CREATE TABLE history (x);
