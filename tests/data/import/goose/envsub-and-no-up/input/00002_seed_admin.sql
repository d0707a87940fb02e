-- +goose ENVSUB ON
-- +goose Up
INSERT INTO users (name) VALUES ('${ADMIN_NAME}');
-- +goose Down
DELETE FROM users;
