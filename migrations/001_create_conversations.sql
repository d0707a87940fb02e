-- Conversations of the demo app (examples/conversations).

-- One row per conversation. The id is a random (version 4) UUID made by SQLite
-- itself, so every writer gets well-formed ids without an extension function.
-- Timestamps are UTC ISO 8601 with milliseconds, so they sort as text.
CREATE TABLE conversations (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(
    hex(randomblob(4)) || '-' ||
    hex(randomblob(2)) || '-' ||
    '4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6))
  )) CHECK (length(id) = 36),
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- The app lists the newest conversations first.
CREATE INDEX conversations_by_created_at ON conversations (created_at DESC);

-- Keeps updated_at current on every change. The WHEN clause lets a statement
-- that sets updated_at itself win, and stops the trigger's own UPDATE from
-- firing it again.
CREATE TRIGGER conversations_touch_updated_at
AFTER UPDATE ON conversations
FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE conversations
  SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE id = NEW.id;
END;
