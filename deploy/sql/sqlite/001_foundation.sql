-- Foundation schema of the embedded store: one SQLite file, <DataDirectory>/im.db.
-- Start-up applies this once and records it in schema_migrations. Every statement is
-- idempotent, so running it by hand (sqlite3 data/im.db < 001_foundation.sql) is safe.
--
-- Timestamps are UTC microseconds since the Unix epoch: SQLite has no timestamp type, and
-- microseconds are PostgreSQL's precision, so both adapters hand back the same values.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS schema_migrations (
  file_name  TEXT    NOT NULL PRIMARY KEY,
  applied_at INTEGER NOT NULL
);

-- data IS NULL is a tombstone left by a clear: the row keeps its version so that an etag
-- never comes back and a stale writer still loses.
CREATE TABLE IF NOT EXISTS grain_state (
  grain_type TEXT    NOT NULL,
  grain_key  TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  data       BLOB    NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (grain_type, grain_key)
);

-- period_ticks IS NULL is a one-shot reminder; ticks are TimeSpan ticks (100 ns).
CREATE TABLE IF NOT EXISTS reminders (
  grain_type   TEXT    NOT NULL,
  grain_key    TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  due_at       INTEGER NOT NULL,
  period_ticks INTEGER NULL,
  version      INTEGER NOT NULL,
  PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX IF NOT EXISTS reminders_due_at ON reminders (due_at);

-- The key is partition-first like a wide-column table: (conversation, bucket) then seq,
-- with bucket = seq / 1000 (HistoryBuckets.Size); range reads stay on the key's prefix.
CREATE TABLE IF NOT EXISTS message_history (
  conversation_id TEXT    NOT NULL,
  bucket          INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  sender_id       TEXT    NOT NULL,
  client_msg_id   TEXT    NOT NULL,
  sent_at         INTEGER NOT NULL,
  body            TEXT    NOT NULL,
  PRIMARY KEY (conversation_id, bucket, seq),
  CHECK (seq > 0 AND bucket = seq / 1000)
);

CREATE INDEX IF NOT EXISTS message_history_client_msg_id
  ON message_history (conversation_id, client_msg_id, seq);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('001_foundation.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
