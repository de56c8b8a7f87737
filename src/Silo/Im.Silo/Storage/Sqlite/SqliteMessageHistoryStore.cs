using Im.Domain.History;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageHistoryStore"/> over the embedded SQLite file. The history table has no
/// key: its rows are appended in commit order, and search.db's index writes their
/// (conversation, seq) keys behind them (<see cref="SqliteHistoryKeys"/>), so an append's
/// durable write is the row alone. The writer refuses a taken (conversation, seq) itself
/// (<see cref="SqliteSeqGuard"/>).
/// </summary>
public sealed class SqliteMessageHistoryStore : IMessageHistoryStore
{
    private readonly SqliteDatabase _database;
    private readonly SqliteSearchIndex _search;
    private readonly SqliteAppendBatcher _appends;
    private readonly SqliteHistoryKeys _keys;
    private readonly SqliteSeqGuard _guard;
    private readonly SqliteClientMsgIds _clientMsgIds;

    public SqliteMessageHistoryStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _search = database.SearchIndex ?? throw new ArgumentException("the history store needs im.db's database, not search.db's", nameof(database));
        _appends = new SqliteAppendBatcher(database, WriteBatchAsync);
        _keys = database.HistoryKeys!;
        _guard = database.SeqGuard!;
        _clientMsgIds = new SqliteClientMsgIds(_keys);
    }

    /// <remarks>
    /// Appends are group-committed (<see cref="SqliteAppendBatcher"/>): concurrent appends of
    /// many conversations share one transaction and one fsync, and each returns once that
    /// transaction is durable. A taken seq fails only its own append.
    /// </remarks>
    public Task AppendAsync(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        if (!StorageArguments.Batch(messages))
        {
            return Task.CompletedTask;
        }

        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : _appends.AppendAsync(messages, cancellationToken);
    }

    private async Task WriteBatchAsync(SqliteConnection connection, IReadOnlyList<SqliteAppend> batch, CancellationToken cancellationToken)
    {
        // Disposing an uncommitted transaction rolls it back: an error that fails the batch
        // leaves none of it behind. Taken seqs are refused before anything of their append is
        // written, so an append is all or none without a savepoint.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await _guard.BeginAsync(connection, transaction, batch, cancellationToken);
        using var rows = new SqliteHistoryRows(connection);
        foreach (var append in batch)
        {
            append.Refusal = await _guard.CheckAsync(connection, transaction, append.Messages, cancellationToken);
            if (append.Refusal is not null)
            {
                continue;
            }

            foreach (var message in append.Messages)
            {
                rows.Write(message);
            }

            _guard.Wrote(append.Messages);
        }

        await transaction.CommitAsync(cancellationToken);
        _guard.Committed();
        _search.Nudge();
    }

    // Queues the changed row for the search index, in the change's own transaction.
    private const string QueueReindex = $"""
        INSERT INTO {StorageNames.SearchReindex.Table} ({StorageNames.SearchReindex.HistoryRowId}) VALUES (@rowid)
        """;

    // By rowid, which a message keeps for good; the key and the version check it as well.
    private const string UpdateBody = $"""
        UPDATE {StorageNames.MessageHistory.Table}
        SET {StorageNames.MessageHistory.Body} = @body, {StorageNames.MessageHistory.EditVersion} = @expected + 1
        WHERE rowid = @rowid
          AND {StorageNames.MessageHistory.ConversationId} = @conversation
          AND {StorageNames.MessageHistory.Seq} = @seq
          AND {StorageNames.MessageHistory.EditVersion} = @expected
        """;

    public async Task<IReadOnlyList<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadAfter(conversationId, afterSeq, beforeSeq, limit);
        return await _keys.ReadAfterAsync(conversationId, afterSeq, beforeSeq, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryMessage>> ReadBeforeAsync(string conversationId, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadBefore(conversationId, beforeSeq, limit);
        var messages = await _keys.ReadBeforeAsync(conversationId, beforeSeq, limit, cancellationToken);
        messages.Reverse();
        return messages;
    }

    public Task<long> ReadMaxSeqAsync(string conversationId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        return _keys.ReadMaxSeqAsync(conversationId, cancellationToken);
    }

    /// <remarks>Read from search.db's clientMsgId tokens and the history rows past their cursor (<see cref="SqliteClientMsgIds"/>).</remarks>
    public Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        StorageArguments.ClientMsgId(conversationId, clientMsgId);
        return _clientMsgIds.FindAsync(conversationId, clientMsgId, cancellationToken);
    }

    /// <remarks>The keyed rows' ids from search.db's keys, then the rows past the keys' cursor.</remarks>
    public Task<IReadOnlyList<string>> ReadClientMsgIdsAsync(string conversationId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        return _clientMsgIds.ReadAllAsync(conversationId, cancellationToken);
    }

    public async Task<bool> UpdateBodyAsync(string conversationId, long seq, string body, long expectedEditVersion, CancellationToken cancellationToken)
    {
        StorageArguments.BodyUpdate(conversationId, seq, body, expectedEditVersion);
        if (await _keys.FindRowIdAsync(conversationId, seq, cancellationToken) is not { } rowId)
        {
            return false;
        }

        return await _database.WriteAsync(
            async (connection, token) =>
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = UpdateBody;
                command.Parameters.AddWithValue("@rowid", rowId);
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@seq", seq);
                command.Parameters.AddWithValue("@body", body);
                command.Parameters.AddWithValue("@expected", expectedEditVersion);
                if (await command.ExecuteNonQueryAsync(token) != 1)
                {
                    return false;
                }

                // The search index takes the row up again from this queue; a search waits for
                // it, so recalled text is unfindable from the moment the recall is durable.
                command.CommandText = QueueReindex;
                await command.ExecuteNonQueryAsync(token);
                await transaction.CommitAsync(token);
                _search.Nudge();
                return true;
            },
            cancellationToken);
    }
}
