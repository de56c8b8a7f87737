using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The two statements of an append, prepared once per transaction and rebound per message,
/// so a batch of hundreds of messages parses SQL twice rather than twice per message.
/// </summary>
internal sealed class SqliteHistoryRows : IAsyncDisposable
{
    // FTS5 rows take the rowid of their history row: FTS5 indexes nothing else, and this is
    // what lets an edit or a recall find one message's index row without a full scan. The
    // index row is written right after its history row, so last_insert_rowid() is that row's.
    private const string IndexInserted = $"""
        INSERT INTO {StorageNames.MessageSearch.Table} (rowid, {StorageNames.MessageSearch.Text}, {StorageNames.MessageSearch.ConversationId}, {StorageNames.MessageSearch.Seq}, {StorageNames.MessageSearch.SenderId}, {StorageNames.MessageSearch.SentAt})
        VALUES (last_insert_rowid(), @text, @conversation, @seq, @sender, @sentAt)
        """;

    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _bucket;
    private readonly SqliteParameter _conversation;
    private readonly SqliteParameter _seq;
    private readonly SqliteParameter _sender;
    private readonly SqliteParameter _client;
    private readonly SqliteParameter _sentAt;
    private readonly SqliteParameter _body;

    private readonly SqliteCommand _index;
    private readonly SqliteParameter _indexConversation;
    private readonly SqliteParameter _indexSeq;
    private readonly SqliteParameter _indexSender;
    private readonly SqliteParameter _indexSentAt;
    private readonly SqliteParameter _indexText;

    public SqliteHistoryRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = MessageHistorySql.Insert;
        _bucket = _insert.Parameters.Add("@bucket", SqliteType.Integer);
        _conversation = _insert.Parameters.Add("@conversation", SqliteType.Text);
        _seq = _insert.Parameters.Add("@seq", SqliteType.Integer);
        _sender = _insert.Parameters.Add("@sender", SqliteType.Text);
        _client = _insert.Parameters.Add("@client", SqliteType.Text);
        _sentAt = _insert.Parameters.Add("@sentAt", SqliteType.Integer);
        _body = _insert.Parameters.Add("@body", SqliteType.Text);

        _index = connection.CreateCommand();
        _index.Transaction = transaction;
        _index.CommandText = IndexInserted;
        _indexConversation = _index.Parameters.Add("@conversation", SqliteType.Text);
        _indexSeq = _index.Parameters.Add("@seq", SqliteType.Integer);
        _indexSender = _index.Parameters.Add("@sender", SqliteType.Text);
        _indexSentAt = _index.Parameters.Add("@sentAt", SqliteType.Integer);
        _indexText = _index.Parameters.Add("@text", SqliteType.Text);
    }

    /// <summary>
    /// Inserts the history row, then its search row (in the same transaction, so a message is
    /// searchable exactly when it is durable). A taken (conversation, seq) throws from the
    /// history insert, before any search row of that message exists.
    /// </summary>
    public async Task WriteAsync(HistoryMessage message, CancellationToken cancellationToken)
    {
        var sentAt = StorageTime.ToUnixMicroseconds(message.SentAt);
        _bucket.Value = HistoryBuckets.Of(message.Seq);
        _conversation.Value = message.ConversationId;
        _seq.Value = message.Seq;
        _sender.Value = message.SenderId;
        _client.Value = message.ClientMsgId;
        _sentAt.Value = sentAt;
        _body.Value = message.Body;
        await _insert.ExecuteNonQueryAsync(cancellationToken);

        if (SearchSql.TextOf(message) is not { } searchable)
        {
            return;
        }

        _indexConversation.Value = message.ConversationId;
        _indexSeq.Value = message.Seq;
        _indexSender.Value = message.SenderId;
        _indexSentAt.Value = sentAt;
        _indexText.Value = searchable;
        await _index.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _index.DisposeAsync();
    }
}
