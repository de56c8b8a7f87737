-- Message search (see src/Domain/Search/IMessageSearch.cs): the text of every message,
-- written in the history append's transaction. A pg_trgm GIN index serves ILIKE
-- '%query%' for queries of 3+ characters (Chinese included, no word segmentation);
-- shorter queries scan the member's conversations by the primary key.
-- pg_trgm ships in PostgreSQL's contrib and is trusted (a database owner may create it).
-- It lives in public, whatever schema the tables use, so that dropping one schema never
-- drops the extension under another; the operator class is qualified for that reason.
-- Messages stored before this script ran are not indexed.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE IF NOT EXISTS message_search (
  conversation_id text        NOT NULL,
  seq             bigint      NOT NULL,
  sender_id       text        NOT NULL,
  sent_at         timestamptz NOT NULL,
  text            text        NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

CREATE INDEX IF NOT EXISTS message_search_text
  ON message_search USING gin (text public.gin_trgm_ops);

INSERT INTO schema_migrations (file_name)
VALUES ('005_search.sql')
ON CONFLICT (file_name) DO NOTHING;
