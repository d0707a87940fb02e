-- Each of these holds on a table with rows.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN score INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0);
ALTER TABLE users ADD COLUMN manager_id INTEGER REFERENCES users (id);
ALTER TABLE users ADD COLUMN upper_name TEXT AS (upper(name));
ALTER TABLE users ADD COLUMN initial TEXT AS (substr(name, 1, 1)) NOT NULL;
ALTER TABLE counters ADD COLUMN hits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kv ADD COLUMN updated INTEGER DEFAULT -1;
ALTER TABLE codes ADD COLUMN label TEXT;
ALTER TABLE frozen ADD COLUMN y TEXT DEFAULT 'y';
ALTER TABLE logs ADD COLUMN level TEXT NOT NULL DEFAULT 'info' CHECK (level IN ('info', 'error'));
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE users DROP COLUMN score;
ALTER TABLE teams RENAME TO groups;
