-- Message edits and recalls: a message's body is replaced in place under a compare-and-set
-- on edit_version (see src/Domain/History/IMessageHistoryStore.cs, UpdateBodyAsync).
-- 0 = as sent; every edit or recall moves it by one. What changed (edited-at, recalled-by)
-- lives in the JSON body, so later kinds of change need no column.
-- Added on the partitioned parent, so every partition gets it; the constant default
-- makes this a catalog-only change (no table rewrite).
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

ALTER TABLE message_history ADD COLUMN IF NOT EXISTS edit_version bigint NOT NULL DEFAULT 0;

INSERT INTO schema_migrations (file_name)
VALUES ('003_message_edits.sql')
ON CONFLICT (file_name) DO NOTHING;
