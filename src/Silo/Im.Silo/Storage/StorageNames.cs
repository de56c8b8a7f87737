namespace Im.Silo.Storage;

/// <summary>
/// Table and column names of the SQL adapters, in one place. The scripts in deploy/sql
/// spell the same names (SQL cannot import them), so a rename changes both.
/// </summary>
internal static class StorageNames
{
    /// <summary>Schema folders under deploy/sql, one per provider.</summary>
    internal static class SchemaFolders
    {
        public const string Sqlite = "sqlite";
        public const string SqliteSearch = "sqlite-search";
        public const string Postgres = "postgres";
    }

    internal static class SchemaMigrations
    {
        public const string Table = "schema_migrations";
        public const string FileName = "file_name";
        public const string AppliedAt = "applied_at";
    }

    internal static class GrainState
    {
        public const string Table = "grain_state";
        public const string GrainType = "grain_type";
        public const string GrainKey = "grain_key";
        public const string Version = "version";
        public const string Data = "data";
        public const string UpdatedAt = "updated_at";
    }

    internal static class Reminders
    {
        public const string Table = "reminders";
        public const string GrainType = "grain_type";
        public const string GrainKey = "grain_key";
        public const string Name = "name";
        public const string DueAt = "due_at";
        public const string PeriodTicks = "period_ticks";
        public const string Version = "version";
    }

    internal static class MessageHistory
    {
        public const string Table = "message_history";
        public const string ConversationId = "conversation_id";
        public const string Bucket = "bucket";
        public const string Seq = "seq";
        public const string SenderId = "sender_id";
        public const string ClientMsgId = "client_msg_id";
        public const string SentAt = "sent_at";
        public const string Body = "body";
        public const string EditVersion = "edit_version";
    }

    internal static class ReviewAudit
    {
        public const string Table = "review_audit";
        public const string Id = "id";
        public const string At = "at";
        public const string ConversationId = "conversation_id";
        public const string SenderId = "sender_id";
        public const string ClientMsgId = "client_msg_id";
        public const string Decision = "decision";
        public const string ListName = "list_name";
        public const string MatchedWords = "matched_words";
    }

    internal static class FileMetadata
    {
        public const string Table = "files";
        public const string FileId = "file_id";
        public const string ConversationId = "conversation_id";
        public const string UploaderId = "uploader_id";
        public const string Name = "name";
        public const string ContentType = "content_type";
        public const string Size = "size";
        public const string Sha256 = "sha256";
        public const string CreatedAt = "created_at";
    }

    internal static class MessageSearch
    {
        public const string Table = "message_search";
        public const string ConversationId = "conversation_id";
        public const string Seq = "seq";
        public const string SenderId = "sender_id";
        public const string SentAt = "sent_at";
        public const string Text = "text";
    }

    /// <summary>In SQLite's im.db: messages whose body changed (edits, recalls), for the search index to take up again.</summary>
    internal static class SearchReindex
    {
        public const string Table = "search_reindex";
        public const string Id = "id";
        public const string HistoryRowId = "history_rowid";
    }

    /// <summary>
    /// In SQLite's search.db: an FTS5 table with one token per history row under its rowid,
    /// naming the row's conversation and clientMsgId, written behind the history with its key.
    /// </summary>
    internal static class MessageClientTokens
    {
        public const string Table = "message_client_tokens";
        public const string Token = "token";

        // A token is both ids hex-encoded (one token to FTS5's ascii tokenizer, whatever the ids
        // hold) around an x, which no hex digit is, so no other pair of ids makes it. The two
        // forms below must stay the same expression.

        /// <summary>The token of the history row in scope, in SQL.</summary>
        public const string OfHistoryRow = $"hex({MessageHistory.ConversationId}) || 'x' || hex({MessageHistory.ClientMsgId})";

        /// <summary>The token of <c>@conversation</c> and <c>@client</c>, in SQL.</summary>
        public const string OfParameters = "hex(@conversation) || 'x' || hex(@client)";
    }

    /// <summary>In SQLite's search.db: how far the index has taken up im.db's history (trigrams; keys and clientMsgIds) and re-index queue.</summary>
    internal static class SearchCursor
    {
        public const string Table = "search_cursor";
        public const string Id = "id";
        public const string HistoryRowId = "history_rowid";
        public const string ReindexId = "reindex_id";
        public const string KeysRowId = "keys_rowid";
    }

    /// <summary>In SQLite's search.db: where each message of a conversation is in im.db's history, written behind it.</summary>
    internal static class MessageKeys
    {
        public const string Table = "message_keys";
        public const string ConversationId = "conversation_id";
        public const string Seq = "seq";
        public const string HistoryRowId = "history_rowid";

        /// <summary>The row's clientMsgId; null for keys written before search.db's 007.</summary>
        public const string ClientMsgId = "client_msg_id";
    }

    internal static class HallTickets
    {
        public const string Table = "hall_tickets";
        public const string QueueDay = "queue_day";
        public const string TicketId = "ticket_id";
        public const string Number = "number";
        public const string ToldReady = "told_ready";
        public const string Version = "version";
        public const string Data = "data";
    }
}
