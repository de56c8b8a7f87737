-- Message search (see src/Domain/Search/IMessageSearch.cs): the text of every message,
-- written in the history append's transaction. The trigram tokenizer matches any
-- substring of 3+ characters, Chinese included (no word segmentation), case-insensitively;
-- shorter queries are answered from message_history within the member's conversations.
-- Messages stored before this script ran are not indexed.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5(
  text,
  conversation_id UNINDEXED,
  seq             UNINDEXED,
  sender_id       UNINDEXED,
  sent_at         UNINDEXED,
  tokenize = 'trigram'
);

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('005_search.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
