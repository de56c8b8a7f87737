using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The insert of an append, prepared once per transaction and rebound per message, so a
/// batch of hundreds of messages parses its SQL once rather than once per message. The
/// search index follows in its own file (<see cref="SqliteSearchIndex"/>).
/// </summary>
internal sealed class SqliteHistoryRows : IAsyncDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _bucket;
    private readonly SqliteParameter _conversation;
    private readonly SqliteParameter _seq;
    private readonly SqliteParameter _sender;
    private readonly SqliteParameter _client;
    private readonly SqliteParameter _sentAt;
    private readonly SqliteParameter _body;

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
    }

    /// <summary>Inserts the history row; the writer has checked its (conversation, seq) is free (<see cref="SqliteSeqGuard"/>).</summary>
    public async Task WriteAsync(HistoryMessage message, CancellationToken cancellationToken)
    {
        _bucket.Value = HistoryBuckets.Of(message.Seq);
        _conversation.Value = message.ConversationId;
        _seq.Value = message.Seq;
        _sender.Value = message.SenderId;
        _client.Value = message.ClientMsgId;
        _sentAt.Value = StorageTime.ToUnixMicroseconds(message.SentAt);
        _body.Value = message.Body;
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}
