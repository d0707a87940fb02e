-- no-transaction
DETACH DATABASE main;
