-- Rows like users': duplicate emails in two cases, NULLs, finished and open tasks.
INSERT INTO users (id, email, name) VALUES (1, 'ann@example.com', 'Ann'), (2, 'ANN@example.com', 'Ann again'),
  (3, NULL, 'Bob');
INSERT INTO tasks (user_id, title, done_at) VALUES (1, 'write', '2024-03-01'), (2, NULL, NULL), (3, 'read', NULL);
