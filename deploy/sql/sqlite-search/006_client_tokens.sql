-- The clientMsgId lookup moves from a B-tree keyed by (conversation, clientMsgId) to FTS5:
-- one token per history row, hex(conversation_id) || 'x' || hex(client_msg_id) under the row's
-- history rowid. The mapping's keys are random within a conversation, so once it is large each
-- id a pass takes up dirties a leaf of its own; FTS5 writes a pass's tokens as one sorted
-- segment and merges segments in the background, so the writes follow time, not the ids.
-- A lookup matches the token and checks the history row's conversation and id.
-- Filled here from the mapping (an id's lowest seq, which is what a lookup answers); rows past
-- keys_rowid get theirs from the next passes, which write a row's token with its key.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

CREATE VIRTUAL TABLE IF NOT EXISTS message_client_tokens USING fts5(
  token,
  tokenize = 'ascii',
  content = '',
  detail = 'none',
  columnsize = 0
);

INSERT INTO message_client_tokens (rowid, token)
SELECT k.history_rowid, hex(c.conversation_id) || 'x' || hex(c.client_msg_id)
FROM message_client_ids c
JOIN message_keys k ON k.conversation_id = c.conversation_id AND k.seq = c.seq;

DROP TABLE IF EXISTS message_client_ids;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('006_client_tokens.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
