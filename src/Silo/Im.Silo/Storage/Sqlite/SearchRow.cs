namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// One message as the index sees it; <see cref="Text"/> is null when it has nothing to find
/// (recalled, no text). <see cref="ClientMsgId"/> is empty for a re-index entry whose row is gone.
/// </summary>
internal sealed record SearchRow(long EntryId, long RowId, string ConversationId, long Seq, string SenderId, string ClientMsgId, long SentAt, string? Text);
