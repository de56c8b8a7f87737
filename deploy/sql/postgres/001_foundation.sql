-- Foundation schema of the PostgreSQL store.
-- Start-up applies this once, under an advisory lock, and records it in schema_migrations.
-- Every statement is idempotent, so running it by hand is safe:
--   psql "$IM_POSTGRES" -v ON_ERROR_STOP=1 -f deploy/sql/postgres/001_foundation.sql
-- Nothing names a schema: objects go to the first schema of the search_path, which the
-- connection string's Search Path sets.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS schema_migrations (
  file_name  text        NOT NULL PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- data IS NULL is a tombstone left by a clear: the row keeps its version so that an etag
-- never comes back and a stale writer still loses.
-- Hash partitions are the scale path: each can later move to its own tablespace or be
-- split further, and the primary key carries the partition key as PostgreSQL requires.
CREATE TABLE IF NOT EXISTS grain_state (
  grain_type text        NOT NULL,
  grain_key  text        NOT NULL,
  version    bigint      NOT NULL,
  data       bytea       NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (grain_type, grain_key)
) PARTITION BY HASH (grain_key);

CREATE TABLE IF NOT EXISTS grain_state_p0 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE IF NOT EXISTS grain_state_p1 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE IF NOT EXISTS grain_state_p2 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE IF NOT EXISTS grain_state_p3 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE IF NOT EXISTS grain_state_p4 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE IF NOT EXISTS grain_state_p5 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE IF NOT EXISTS grain_state_p6 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE IF NOT EXISTS grain_state_p7 PARTITION OF grain_state FOR VALUES WITH (MODULUS 8, REMAINDER 7);

-- period_ticks IS NULL is a one-shot reminder; ticks are TimeSpan ticks (100 ns).
-- Not partitioned: the due scan reads across all grains in due_at order.
CREATE TABLE IF NOT EXISTS reminders (
  grain_type   text        NOT NULL,
  grain_key    text        NOT NULL,
  name         text        NOT NULL,
  due_at       timestamptz NOT NULL,
  period_ticks bigint      NULL,
  version      bigint      NOT NULL,
  PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX IF NOT EXISTS reminders_due_at ON reminders (due_at);

-- The key is partition-first like a wide-column table: (conversation, bucket) then seq,
-- with bucket = seq / 1000 (HistoryBuckets.Size); range reads stay on the key's prefix and
-- a conversation lives in one hash partition.
CREATE TABLE IF NOT EXISTS message_history (
  conversation_id text        NOT NULL,
  bucket          bigint      NOT NULL,
  seq             bigint      NOT NULL,
  sender_id       text        NOT NULL,
  client_msg_id   text        NOT NULL,
  sent_at         timestamptz NOT NULL,
  body            text        NOT NULL,
  PRIMARY KEY (conversation_id, bucket, seq),
  CHECK (seq > 0 AND bucket = seq / 1000)
) PARTITION BY HASH (conversation_id);

CREATE TABLE IF NOT EXISTS message_history_p0 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE IF NOT EXISTS message_history_p1 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE IF NOT EXISTS message_history_p2 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE IF NOT EXISTS message_history_p3 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE IF NOT EXISTS message_history_p4 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE IF NOT EXISTS message_history_p5 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE IF NOT EXISTS message_history_p6 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE IF NOT EXISTS message_history_p7 PARTITION OF message_history FOR VALUES WITH (MODULUS 8, REMAINDER 7);

CREATE INDEX IF NOT EXISTS message_history_client_msg_id
  ON message_history (conversation_id, client_msg_id, seq);

INSERT INTO schema_migrations (file_name)
VALUES ('001_foundation.sql')
ON CONFLICT (file_name) DO NOTHING;
