ALTER TABLE users ADD COLUMN public_id TEXT;
UPDATE users SET public_id = uuid();
