-- +goose Up
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    updated_at TEXT
);
CREATE INDEX posts_by_user ON posts (user_id);

-- +goose Down
DROP TABLE posts;
