-- imported from flyway version 1.1 (V1.1__add_user_email.sql)
ALTER TABLE users ADD COLUMN email TEXT;
