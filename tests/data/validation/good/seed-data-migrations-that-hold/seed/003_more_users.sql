INSERT INTO users (email, name) VALUES ('cy@example.com', 'Cy');
INSERT INTO tasks (user_id, title) SELECT id, 'welcome' FROM users WHERE email = 'cy@example.com';
