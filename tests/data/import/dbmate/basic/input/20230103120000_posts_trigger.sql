-- migrate:up
CREATE TRIGGER posts_touch AFTER UPDATE OF title, body ON posts
BEGIN
    UPDATE posts SET updated_at = datetime('now') WHERE id = NEW.id;
    SELECT 'semicolons; inside; the body';
END;

-- migrate:down
DROP TRIGGER posts_touch;
