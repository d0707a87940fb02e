ALTER TABLE migrations RENAME TO history;
