-- +migrate Up notransaction
VACUUM;

-- +migrate Down
-- nothing to undo
