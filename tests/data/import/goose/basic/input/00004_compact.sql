-- +goose NO TRANSACTION

-- +goose Up
VACUUM;

-- +goose Down
SELECT 'nothing to undo';
