-- The search index keeps trigrams only, as PostgreSQL's pg_trgm index does: no copy of the
-- text and no positions (contentless, detail=none). A search takes the rows that hold every
-- trigram of the query and keeps those whose text, read from im.db's history, holds the
-- whole query (src/Silo/Im.Silo/Storage/Sqlite/SqliteMessageSearch.cs). Writing a message's
-- row costs about half the CPU it did, and the file is about a fifth of the size.
-- contentless_delete lets an edit or a recall delete its row by rowid alone.
-- Derived data: the table is rebuilt from im.db's history, from its first row.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

DROP TABLE IF EXISTS message_search;

CREATE VIRTUAL TABLE message_search USING fts5(
  text,
  tokenize = 'trigram',
  content = '',
  detail = 'none',
  contentless_delete = 1
);

-- As 002_merge_tuning.sql set it on the table this replaces.
INSERT INTO message_search (message_search, rank) VALUES ('automerge', 16);

UPDATE search_cursor SET history_rowid = 0 WHERE id = 1;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('004_trigrams_only.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
