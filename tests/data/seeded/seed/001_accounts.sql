-- Seed rows: the build replays on them; they must never reach the snapshot.
INSERT INTO accounts (email, plan) VALUES ('seed-ann@example.com', 'Free'), ('seed-bob@example.com', 'PRO');
