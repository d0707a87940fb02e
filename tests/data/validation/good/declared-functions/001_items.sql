CREATE TABLE items (id TEXT PRIMARY KEY DEFAULT (uuid()), title TEXT, slug TEXT UNIQUE);
INSERT INTO items (title) VALUES ('a'), ('b');
UPDATE items SET slug = slugify(title);
