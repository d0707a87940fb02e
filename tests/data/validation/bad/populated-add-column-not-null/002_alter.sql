-- Every existing user needs an email: SQLite refuses this once users has rows.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL;
