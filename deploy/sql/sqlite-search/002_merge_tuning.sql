-- FTS5 merges a level's segments once it holds this many (default 4): each trigram is then
-- rewritten by about half as many merges, for a few more segments to read per search.
-- With the index's passes gathered (SqliteSearchIndex.GatherDelay), `perf` put segment
-- merging at a fifth of an append's CPU in `Im.Bench store`. The setting is kept in the
-- table, so it applies from here on, to the segments already there too.

INSERT INTO message_search (message_search, rank) VALUES ('automerge', 16);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('002_merge_tuning.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
