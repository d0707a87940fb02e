-- A test set whose build replays seed data (seed/): the snapshot must carry the
-- rows the migrations insert and none of the seeds' (fresh-snapshot-test).
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL DEFAULT 'free'
);
INSERT INTO accounts (email, plan) VALUES ('admin@example.com', 'STAFF');
