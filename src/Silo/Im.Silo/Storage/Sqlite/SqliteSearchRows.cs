using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Writes a pass's changes into search.db, with the statements prepared once per pass: the
/// FTS5 table, where an index row takes its history row's rowid (which is how an edit or a
/// recall finds it), and the clientMsgId of every appended row, text or not.
/// </summary>
internal sealed class SqliteSearchRows : IAsyncDisposable
{
    private const string InsertSql = $"""
        INSERT INTO {MessageSearch.Table} (rowid, {MessageSearch.Text}, {MessageSearch.ConversationId}, {MessageSearch.Seq}, {MessageSearch.SenderId}, {MessageSearch.SentAt})
        VALUES (@rowid, @text, @conversation, @seq, @sender, @sentAt)
        """;

    private const string DeleteSql = $"DELETE FROM {MessageSearch.Table} WHERE rowid = @rowid";

    // An id keeps its lowest seq, as history's lookup answers: one append may carry several
    // messages in any seq order, so the row taken up first is not always the lowest.
    private const string ClientIdSql = $"""
        INSERT INTO {MessageClientIds.Table} ({MessageClientIds.ConversationId}, {MessageClientIds.ClientMsgId}, {MessageClientIds.Seq})
        VALUES (@conversation, @client, @seq)
        ON CONFLICT ({MessageClientIds.ConversationId}, {MessageClientIds.ClientMsgId})
        DO UPDATE SET {MessageClientIds.Seq} = excluded.{MessageClientIds.Seq} WHERE excluded.{MessageClientIds.Seq} < {MessageClientIds.Table}.{MessageClientIds.Seq}
        """;

    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _rowId;
    private readonly SqliteParameter _text;
    private readonly SqliteParameter _conversation;
    private readonly SqliteParameter _seq;
    private readonly SqliteParameter _sender;
    private readonly SqliteParameter _sentAt;

    private readonly SqliteCommand _delete;
    private readonly SqliteParameter _deletedRowId;

    private readonly SqliteCommand _clientId;
    private readonly SqliteParameter _clientConversation;
    private readonly SqliteParameter _client;
    private readonly SqliteParameter _clientSeq;

    public SqliteSearchRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insert = Prepare(connection, transaction, InsertSql);
        _rowId = _insert.Parameters.Add("@rowid", SqliteType.Integer);
        _text = _insert.Parameters.Add("@text", SqliteType.Text);
        _conversation = _insert.Parameters.Add("@conversation", SqliteType.Text);
        _seq = _insert.Parameters.Add("@seq", SqliteType.Integer);
        _sender = _insert.Parameters.Add("@sender", SqliteType.Text);
        _sentAt = _insert.Parameters.Add("@sentAt", SqliteType.Integer);

        _delete = Prepare(connection, transaction, DeleteSql);
        _deletedRowId = _delete.Parameters.Add("@rowid", SqliteType.Integer);

        _clientId = Prepare(connection, transaction, ClientIdSql);
        _clientConversation = _clientId.Parameters.Add("@conversation", SqliteType.Text);
        _client = _clientId.Parameters.Add("@client", SqliteType.Text);
        _clientSeq = _clientId.Parameters.Add("@seq", SqliteType.Integer);
    }

    /// <summary>
    /// Adds the appended rows' clientMsgIds and the ones that have text, then replaces each
    /// changed row by its current text (or by nothing); an edit keeps its clientMsgId.
    /// </summary>
    public async Task WriteAsync(SqliteSearchChanges changes, CancellationToken cancellationToken)
    {
        foreach (var row in changes.Appended)
        {
            _clientConversation.Value = row.ConversationId;
            _client.Value = row.ClientMsgId;
            _clientSeq.Value = row.Seq;
            await _clientId.ExecuteNonQueryAsync(cancellationToken);
            await InsertAsync(row, cancellationToken);
        }

        foreach (var row in changes.Changed)
        {
            _deletedRowId.Value = row.RowId;
            await _delete.ExecuteNonQueryAsync(cancellationToken);
            await InsertAsync(row, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _delete.DisposeAsync();
        await _clientId.DisposeAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private async Task InsertAsync(SearchRow row, CancellationToken cancellationToken)
    {
        if (row.Text is null)
        {
            return;
        }

        _rowId.Value = row.RowId;
        _text.Value = row.Text;
        _conversation.Value = row.ConversationId;
        _seq.Value = row.Seq;
        _sender.Value = row.SenderId;
        _sentAt.Value = row.SentAt;
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
