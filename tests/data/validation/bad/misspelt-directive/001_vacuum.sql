--no-transaction
VACUUM;
