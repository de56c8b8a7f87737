-- Message search newest first (see src/Silo/Im.Silo/Storage/Postgres/PostgresMessageSearch.cs):
-- an index in the search's own order, so that for a query common in the member's
-- conversations the planner can walk the newest messages and stop at the limit, instead of
-- fetching every match the trigram index finds in the store and sorting them. Rare queries
-- still go through the trigram index; the planner picks by its estimates.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE INDEX IF NOT EXISTS message_search_newest
  ON message_search (sent_at DESC, seq DESC);

INSERT INTO schema_migrations (file_name)
VALUES ('007_search_newest_first.sql')
ON CONFLICT (file_name) DO NOTHING;
