  -- no-transaction
VACUUM;
