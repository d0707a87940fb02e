CREATE TABLE audit1 (x);
