-- Uploaded files' metadata (see src/Domain/Files/IFileMetadataStore.cs); the bytes live in
-- the file store. Rows are immutable. The conversation decides who may read a file.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE TABLE IF NOT EXISTS files (
  file_id         text        NOT NULL PRIMARY KEY,
  conversation_id text        NOT NULL,
  uploader_id     text        NOT NULL,
  name            text        NOT NULL,
  content_type    text        NOT NULL,
  size            bigint      NOT NULL,
  sha256          text        NOT NULL,
  created_at      timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS files_conversation ON files (conversation_id, created_at);

INSERT INTO schema_migrations (file_name)
VALUES ('004_files.sql')
ON CONFLICT (file_name) DO NOTHING;
