INSERT INTO invoices (account_id, cents, paid_at)
  SELECT id, 0, NULL FROM accounts WHERE email LIKE 'seed-%'
  UNION ALL SELECT id, 900, '2024-02-01T00:00:00Z' FROM accounts WHERE email = 'seed-bob@example.com';
