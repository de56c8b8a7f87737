-- The search index leaves im.db for a file of its own, search.db, written behind the history
-- by the index's own writer (src/Silo/Im.Silo/Storage/Sqlite/SqliteSearchIndex.cs): a
-- history append no longer waits for its FTS5 row. search.db is derived data: it indexes
-- im.db's history by rowid from where its cursor stands, so the rows indexed here before are
-- simply indexed again there, together with messages stored before 005 ran.
-- search_reindex queues the history rows whose body changed (edits, recalls), written in the
-- change's transaction; the index takes them up and deletes what it has taken.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

DROP TABLE IF EXISTS message_search;

CREATE TABLE IF NOT EXISTS search_reindex (
  id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  history_rowid INTEGER NOT NULL
);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('007_search_file.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
