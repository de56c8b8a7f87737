-- Review audit: every decision of content review other than "allowed" (see
-- src/Domain/Review/IReviewAuditLog.cs). Append-only; read newest first by id.
-- matched_words holds the distinct list words that decided, one per line (list words
-- are single lines, so a newline never occurs inside one).
-- Not partitioned: it is read across all conversations, newest first.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS review_audit (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL,
  conversation_id text        NOT NULL,
  sender_id       text        NOT NULL,
  client_msg_id   text        NOT NULL,
  decision        text        NOT NULL,
  list_name       text        NULL,
  matched_words   text        NOT NULL
);

INSERT INTO schema_migrations (file_name)
VALUES ('002_review_audit.sql')
ON CONFLICT (file_name) DO NOTHING;
