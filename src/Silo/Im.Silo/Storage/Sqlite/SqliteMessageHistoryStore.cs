using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageHistoryStore"/> over the embedded SQLite file. Uniqueness of
/// (conversation, seq) is the primary key's: a duplicate is the constraint error, never a
/// read-then-write check, so it holds against other processes on the same file too.
/// </summary>
public sealed class SqliteMessageHistoryStore : IMessageHistoryStore
{
    // SQLITE_CONSTRAINT_PRIMARYKEY: only the key means "seq taken"; other constraint errors
    // (a bad row) must surface as they are.
    private const int PrimaryKeyViolation = 1555;

    private const string AppendSavepoint = "history_append";

    private readonly SqliteDatabase _database;
    private readonly SqliteSearchIndex _search;
    private readonly SqliteAppendBatcher _appends;
    private readonly SqliteClientMsgIds _clientMsgIds;

    public SqliteMessageHistoryStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _search = database.SearchIndex ?? throw new ArgumentException("the history store needs im.db's database, not search.db's", nameof(database));
        _appends = new SqliteAppendBatcher(database, WriteBatchAsync);
        _clientMsgIds = new SqliteClientMsgIds(database, _search);
    }

    /// <remarks>
    /// Appends are group-committed (<see cref="SqliteAppendBatcher"/>): concurrent appends of
    /// many conversations share one transaction and one fsync, and each returns once that
    /// transaction is durable. A duplicate seq fails only its own append.
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
        // leaves none of it behind.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var rows = new SqliteHistoryRows(connection, transaction);
        foreach (var append in batch)
        {
            append.Refusal = await WriteAppendAsync(transaction, rows, append.Messages, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _search.Nudge();
    }

    /// <summary>Writes one append inside the batch's transaction; a duplicate seq undoes that append alone and is returned, not thrown.</summary>
    private static async Task<DuplicateMessageException?> WriteAppendAsync(SqliteTransaction transaction, SqliteHistoryRows rows, IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        // A single message needs no savepoint: SQLite undoes just the statement that broke
        // the key and keeps the transaction. Several are all or none, so a savepoint marks
        // where to roll back to.
        var savepoint = messages.Count > 1;
        if (savepoint)
        {
            await transaction.SaveAsync(AppendSavepoint, cancellationToken);
        }

        var current = messages[0];
        try
        {
            foreach (var message in messages)
            {
                current = message;
                await rows.WriteAsync(message, cancellationToken);
            }
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            if (savepoint)
            {
                await transaction.RollbackAsync(AppendSavepoint, cancellationToken);
                await transaction.ReleaseAsync(AppendSavepoint, cancellationToken);
            }

            return new DuplicateMessageException(current.ConversationId, current.Seq, exception);
        }

        if (savepoint)
        {
            await transaction.ReleaseAsync(AppendSavepoint, cancellationToken);
        }

        return null;
    }

    // Queues the changed row for the search index, in the change's own transaction.
    private const string QueueReindex = $"""
        INSERT INTO {StorageNames.SearchReindex.Table} ({StorageNames.SearchReindex.HistoryRowId})
        SELECT rowid FROM {StorageNames.MessageHistory.Table}
        WHERE {StorageNames.MessageHistory.ConversationId} = @conversation AND {StorageNames.MessageHistory.Bucket} = @bucket AND {StorageNames.MessageHistory.Seq} = @seq
        """;

    public Task<IReadOnlyList<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadAfter(conversationId, afterSeq, beforeSeq, limit);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MessageHistorySql.ReadAfter;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@firstBucket", HistoryBuckets.Of(afterSeq + 1));
                command.Parameters.AddWithValue("@lastBucket", HistoryBuckets.Of(beforeSeq - 1));
                command.Parameters.AddWithValue("@after", afterSeq);
                command.Parameters.AddWithValue("@before", beforeSeq);
                command.Parameters.AddWithValue("@limit", limit);
                return (IReadOnlyList<HistoryMessage>)await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HistoryMessage>> ReadBeforeAsync(string conversationId, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadBefore(conversationId, beforeSeq, limit);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MessageHistorySql.ReadBefore;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@lastBucket", HistoryBuckets.Of(beforeSeq - 1));
                command.Parameters.AddWithValue("@before", beforeSeq);
                command.Parameters.AddWithValue("@limit", limit);
                var messages = await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, token);
                messages.Reverse();
                return (IReadOnlyList<HistoryMessage>)messages;
            },
            cancellationToken);
    }

    public Task<long> ReadMaxSeqAsync(string conversationId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MessageHistorySql.MaxSeq;
                command.Parameters.AddWithValue("@conversation", conversationId);
                return await command.ExecuteScalarAsync(token) is long seq ? seq : 0;
            },
            cancellationToken);
    }

    /// <remarks>Read from search.db's mapping and the history rows it has not taken up yet (<see cref="SqliteClientMsgIds"/>).</remarks>
    public Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        StorageArguments.ClientMsgId(conversationId, clientMsgId);
        return _clientMsgIds.FindAsync(conversationId, clientMsgId, cancellationToken);
    }

    /// <remarks>Read like <see cref="FindByClientMsgIdAsync"/>: search.db's mapping, then the history rows past its cursor.</remarks>
    public Task<IReadOnlyList<string>> ReadClientMsgIdsAsync(string conversationId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        return _clientMsgIds.ReadAllAsync(conversationId, cancellationToken);
    }

    public Task<bool> UpdateBodyAsync(string conversationId, long seq, string body, long expectedEditVersion, CancellationToken cancellationToken)
    {
        StorageArguments.BodyUpdate(conversationId, seq, body, expectedEditVersion);
        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = MessageHistorySql.UpdateBody;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@bucket", HistoryBuckets.Of(seq));
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
