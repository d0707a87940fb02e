-- no-transaction
ATTACH ':memory:' AS scratch;
