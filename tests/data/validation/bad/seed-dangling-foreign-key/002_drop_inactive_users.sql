-- Foreign keys are off (SQLite's default), so nothing stops this: their posts are left pointing nowhere.
DELETE FROM users WHERE active = 0;
