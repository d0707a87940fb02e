-- no-transaction
PRAGMA temp_store_directory = '/tmp/elsewhere';
