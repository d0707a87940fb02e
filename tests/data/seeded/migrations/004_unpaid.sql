CREATE VIEW unpaid AS SELECT account_id, sum(cents) AS cents FROM invoices WHERE paid_at IS NULL GROUP BY account_id;
CREATE TRIGGER accounts_deactivated AFTER UPDATE OF active ON accounts WHEN NEW.active = 0
BEGIN
  UPDATE invoices SET paid_at = NULL WHERE account_id = NEW.id AND cents > 0;
END;
