-- A status column whose CHECK knows only two values.
ALTER TABLE tasks ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done'));
