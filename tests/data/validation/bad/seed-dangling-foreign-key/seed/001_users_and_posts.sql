INSERT INTO users (id, email, active) VALUES (1, 'ann@example.com', 1), (2, 'gone@example.com', 0);
INSERT INTO posts (user_id, body) VALUES (1, 'hello'), (2, 'an old post');
