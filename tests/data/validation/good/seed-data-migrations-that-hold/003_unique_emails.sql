-- Duplicates and NULL emails are dealt with before the index and the rebuild.
UPDATE users SET email = lower(email);
DELETE FROM tasks WHERE user_id IN (SELECT id FROM users WHERE id NOT IN (SELECT min(id) FROM users GROUP BY email));
DELETE FROM users WHERE id NOT IN (SELECT min(id) FROM users GROUP BY email);
CREATE UNIQUE INDEX users_by_email ON users (email);
