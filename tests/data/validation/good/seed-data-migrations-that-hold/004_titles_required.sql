-- no-transaction
-- The 12-step rebuild into NOT NULL, filling the NULLs first.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE tasks_new (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), title TEXT NOT NULL,
                        done_at TEXT, status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'archived')));
INSERT INTO tasks_new (id, user_id, title, done_at, status)
  SELECT id, user_id, coalesce(title, '(untitled)'), done_at, status FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
