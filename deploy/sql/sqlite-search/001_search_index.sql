-- search.db: the message search index of the embedded store, next to im.db and written behind
-- its history (src/Silo/Im.Silo/Storage/Sqlite/SqliteSearchIndex.cs). Derived data: everything
-- here can be rebuilt from im.db, so this file commits without fsync (synchronous=NORMAL).
-- The trigram tokenizer matches any substring of 3+ characters, Chinese included (no word
-- segmentation), case-insensitively; shorter queries are answered from im.db's history.
-- An index row takes the rowid of its history row in im.db.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS schema_migrations (
  file_name  TEXT    NOT NULL PRIMARY KEY,
  applied_at INTEGER NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(
  text,
  conversation_id UNINDEXED,
  seq             UNINDEXED,
  sender_id       UNINDEXED,
  sent_at         UNINDEXED,
  tokenize = 'trigram'
);

-- One row: the last history rowid and the last search_reindex id of im.db taken up.
CREATE TABLE IF NOT EXISTS search_cursor (
  id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  history_rowid INTEGER NOT NULL,
  reindex_id    INTEGER NOT NULL
);

INSERT INTO search_cursor (id, history_rowid, reindex_id) VALUES (1, 0, 0)
ON CONFLICT (id) DO NOTHING;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('001_search_index.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
