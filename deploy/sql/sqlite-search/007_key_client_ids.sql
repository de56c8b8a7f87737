-- Each key carries its row's clientMsgId, so reading all of a conversation's ids (a grain's
-- filter of stored ids, once per activation) reads the conversation's keys, which lie
-- together, rather than its history rows, which lie wherever and whenever they were appended.
-- Keys written before this have none; their ids are read through the key from the history.
-- Names must match src/Silo/Im.Silo/Storage/StorageNames.cs.

ALTER TABLE message_keys ADD COLUMN client_msg_id TEXT;

INSERT INTO schema_migrations (file_name, applied_at)
VALUES ('007_key_client_ids.sql', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
ON CONFLICT (file_name) DO NOTHING;
