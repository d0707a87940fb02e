-- no-transaction  WAL is set outside a transaction
PRAGMA journal_mode = WAL;
