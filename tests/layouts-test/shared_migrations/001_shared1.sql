CREATE TABLE shared1 (x);
