-- no-transaction
VACUUM INTO 'backup.db';
