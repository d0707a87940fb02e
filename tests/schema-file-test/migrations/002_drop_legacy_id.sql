-- destructive: legacy ids moved to the accounts service
ALTER TABLE users DROP COLUMN legacy_id;
