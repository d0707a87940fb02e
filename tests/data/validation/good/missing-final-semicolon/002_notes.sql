CREATE TABLE notes (body TEXT) -- the last one
