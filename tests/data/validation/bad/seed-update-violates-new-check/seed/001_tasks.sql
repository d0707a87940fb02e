INSERT INTO tasks (title, done_at) VALUES ('write the guide', '2024-03-01T10:00:00Z'), ('review it', NULL);
