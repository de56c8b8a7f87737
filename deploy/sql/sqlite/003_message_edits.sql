-- Message edits and recalls: a message's body is replaced in place under a compare-and-set
-- on edit_version (see src/Domain/History/IMessageHistoryStore.cs, UpdateBodyAsync).
-- 0 = as sent; every edit or recall moves it by one. What changed (edited-at, recalled-by)
-- lives in the JSON body, so later kinds of change need no column.
-- SQLite has no ADD COLUMN IF NOT EXISTS: start-up applies this once (schema_migrations);
-- by hand, run it only on a file that does not list it yet.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

ALTER TABLE message_history ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 0;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('003_message_edits.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
