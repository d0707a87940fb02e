CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  cents INTEGER NOT NULL CHECK (cents >= 0),
  paid_at TEXT
);
CREATE INDEX invoices_by_account ON invoices (account_id);
INSERT INTO invoices (account_id, cents, paid_at) VALUES (1, 0, NULL);
