-- no-transaction
PRAGMA foreign_keys = OFF;
ALTER TABLE users ADD COLUMN email TEXT NOT NULL;
PRAGMA foreign_keys = ON;
