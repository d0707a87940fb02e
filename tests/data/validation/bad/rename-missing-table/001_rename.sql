ALTER TABLE nowhere RENAME TO somewhere;
