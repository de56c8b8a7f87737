-- The history's (conversation, bucket, seq) key leaves im.db for search.db, where the index's
-- writer keeps it behind the history in sorted passes (deploy/sql/sqlite-search/005_history_keys.sql),
-- as 008 did for the clientMsgId lookup. The key was the page every append wrote into the WAL
-- besides the row itself: a batch of 1:1 messages holds one message each of hundreds of
-- conversations, so each landed on a leaf of its own, whole, fsynced before the ack. The rows
-- stay in rowid order, which is their commit order; reads merge the keyed rows with the rows
-- past the index's cursor, and the writer refuses a taken (conversation, seq) itself
-- (src/Silo/Im.Silo/Storage/Sqlite/SqliteHistoryKeys.cs, SqliteSeqGuard.cs).
-- The rows keep their rowids: search.db's index rows and the re-index queue name them.
-- Rebuilding the table without its key is SQLite's only way to drop a primary key. Running
-- this again copies the table once more, rowids and all.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS message_history_unkeyed (
  conversation_id TEXT    NOT NULL,
  bucket          INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  sender_id       TEXT    NOT NULL,
  client_msg_id   TEXT    NOT NULL,
  sent_at         INTEGER NOT NULL,
  body            TEXT    NOT NULL,
  edit_version    INTEGER NOT NULL DEFAULT 0,
  CHECK (seq > 0 AND bucket = seq / 1000)
);

INSERT INTO message_history_unkeyed (rowid, conversation_id, bucket, seq, sender_id, client_msg_id, sent_at, body, edit_version)
SELECT rowid, conversation_id, bucket, seq, sender_id, client_msg_id, sent_at, body, edit_version
FROM message_history
ORDER BY rowid;

DROP TABLE message_history;

ALTER TABLE message_history_unkeyed RENAME TO message_history;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('009_history_keys_behind.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
