-- Where each message of im.db's history is: (conversation, seq) -> history rowid, written behind
-- the history by the index's writer, sorted by key, so a pass writes a busy conversation's leaf
-- once for all of its new messages (deploy/sql/sqlite/009_history_keys_behind.sql says why).
-- Reads by key merge these with the history rows past keys_rowid.
-- The clientMsgId mapping moves with the keys from here on (keys_rowid), so that every id it
-- maps has its key; the trigram rows keep following history_rowid, which never passes
-- keys_rowid. Derived data like the rest of this file: both start over from the first history
-- row, and the mapping's upsert keeps the ids already there as they are.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS message_keys (
  conversation_id TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  history_rowid   INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;

ALTER TABLE search_cursor ADD COLUMN keys_rowid INTEGER NOT NULL DEFAULT 0;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('005_history_keys.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
