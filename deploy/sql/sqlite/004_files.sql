-- Uploaded files' metadata (see src/Domain/Files/IFileMetadataStore.cs); the bytes live in
-- the file store (<Storage:DataDirectory>/files). Rows are immutable.
-- The conversation decides who may read a file: its members.
-- created_at is UTC microseconds since the Unix epoch, as in 001_foundation.sql.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS files (
  file_id         TEXT    NOT NULL PRIMARY KEY,
  conversation_id TEXT    NOT NULL,
  uploader_id     TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  content_type    TEXT    NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT    NOT NULL,
  created_at      INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS files_conversation ON files (conversation_id, created_at);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('004_files.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
