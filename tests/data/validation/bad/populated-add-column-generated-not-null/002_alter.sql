ALTER TABLE people ADD COLUMN full_name TEXT AS (first || ' ' || last) NOT NULL;
