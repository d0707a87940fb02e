INSERT INTO notes (title, body) VALUES ('groceries', 'milk'), (NULL, 'an untitled note');
