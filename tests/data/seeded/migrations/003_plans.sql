CREATE TABLE plans (name TEXT PRIMARY KEY, monthly_cents INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO plans (name, monthly_cents) VALUES ('free', 0), ('pro', 900), ('staff', 0);
-- Data migrations that must hold on every account, the seeds' mixed-case plans included.
UPDATE accounts SET plan = lower(plan);
ALTER TABLE accounts ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
UPDATE invoices SET paid_at = '1970-01-01T00:00:00Z' WHERE paid_at IS NULL AND cents = 0;
