-- no-transaction
ATTACH '' AS scratch;
