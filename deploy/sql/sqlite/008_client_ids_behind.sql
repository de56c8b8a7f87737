-- The (conversation, clientMsgId) lookup of idempotent retries leaves im.db's history for
-- search.db, where the index's writer keeps it behind the history in batches
-- (deploy/sql/sqlite-search/003_client_ids.sql). This index was the second page every
-- append wrote into the WAL: its key starts with the conversation id, so each message of a
-- batch landed on a page of its own, as with the primary key. Rows not taken up there yet are
-- found in the history past the index's cursor (SqliteClientMsgIds).
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

DROP INDEX IF EXISTS message_history_client_msg_id;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('008_client_ids_behind.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
