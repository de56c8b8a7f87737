-- Which seq of a conversation carries a clientMsgId, for idempotent retries, written behind
-- im.db's history by the index's writer with the message's search row
-- (src/Silo/Im.Silo/Storage/Sqlite/SqliteSearchIndex.cs). Derived data like the rest of this
-- file. An id keeps its lowest seq, as the history's lookup answered.
-- The history rows taken up before this table existed have no entry here, so the index starts
-- over from the first history row (the search rows with it).
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS message_client_ids (
  conversation_id TEXT    NOT NULL,
  client_msg_id   TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, client_msg_id)
) WITHOUT ROWID;

DELETE FROM message_search;

UPDATE search_cursor SET history_rowid = 0 WHERE id = 1;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('003_client_ids.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
