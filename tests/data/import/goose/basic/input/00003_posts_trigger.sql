-- +goose Up
-- +goose StatementBegin
CREATE TRIGGER posts_touch AFTER UPDATE OF title, body ON posts
BEGIN
    UPDATE posts SET updated_at = datetime('now') WHERE id = NEW.id;
    SELECT 'semicolons; inside; the body';
END;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DROP TRIGGER posts_touch;
-- +goose StatementEnd
