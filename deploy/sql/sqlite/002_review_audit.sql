-- Review audit: every decision of content review other than "allowed" (see
-- src/Domain/Review/IReviewAuditLog.cs). Append-only; read newest first by id.
-- at is UTC microseconds since the Unix epoch, as in 001_foundation.sql.
-- matched_words holds the distinct list words that decided, one per line (list words
-- are single lines, so a newline never occurs inside one).
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS review_audit (
  id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  at              INTEGER NOT NULL,
  conversation_id TEXT    NOT NULL,
  sender_id       TEXT    NOT NULL,
  client_msg_id   TEXT    NOT NULL,
  decision        TEXT    NOT NULL,
  list_name       TEXT    NULL,
  matched_words   TEXT    NOT NULL
);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('002_review_audit.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
