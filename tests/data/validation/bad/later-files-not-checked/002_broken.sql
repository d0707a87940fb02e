CREATE TABLE tags (name TEXT,);
