-- On tables with rows: a NOT NULL column with a constant default is fine.
ALTER TABLE tasks ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'archived'));
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
UPDATE tasks SET status = 'archived' WHERE done_at IS NOT NULL;
