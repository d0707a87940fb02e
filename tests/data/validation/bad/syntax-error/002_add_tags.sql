-- tags for users

CREATE TABL tags (name TEXT);
