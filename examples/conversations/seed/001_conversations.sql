-- Rows like the ones the demo's users have, which the build's replay loads
-- right after migration 001 (SEED_DIRECTORY in CMakeLists.txt): every later
-- migration is then checked against data, not only against empty tables.
-- Seeds run at build time only; the app never ships them.
INSERT INTO conversations (title, created_at, updated_at) VALUES
  ('Plan the release', '2024-03-01T09:00:00.000Z', '2024-03-01T09:00:00.000Z'),
  ('Review the migration guide', '2024-03-02T14:30:00.000Z', '2024-03-04T08:15:00.000Z'),
  ('Café ☕ and other UTF-8 titles', '2024-03-05T17:45:12.345Z', '2024-03-05T17:45:12.345Z');

-- An edit, which the updated_at trigger sees as the app's edits.
UPDATE conversations SET title = 'Plan the 1.0 release' WHERE title = 'Plan the release';
