-- no-transaction
ATTACH 'other.db' AS other;
