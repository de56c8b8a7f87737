using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IMessageHistoryStore"/> over PostgreSQL, hash-partitioned by conversation.
/// Uniqueness of (conversation, seq) is the primary key's: a duplicate is the
/// unique-violation error, never a read-then-write check, so it holds across nodes.
/// </summary>
public sealed class PostgresMessageHistoryStore : IMessageHistoryStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresMessageHistoryStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task AppendAsync(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        if (!StorageArguments.Batch(messages))
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One statement per message in one round trip, so the statement that hit the key
        // tells the duplicate seq without parsing error text. Disposing the uncommitted
        // transaction rolls the whole batch back.
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in messages)
        {
            var insert = new NpgsqlBatchCommand(MessageHistorySql.Insert);
            insert.Parameters.AddWithValue("bucket", HistoryBuckets.Of(message.Seq));
            insert.Parameters.AddWithValue("conversation", message.ConversationId);
            insert.Parameters.AddWithValue("seq", message.Seq);
            insert.Parameters.AddWithValue("sender", message.SenderId);
            insert.Parameters.AddWithValue("client", message.ClientMsgId);
            insert.Parameters.AddWithValue("sentAt", NpgsqlDbType.TimestampTz, StorageTime.Normalize(message.SentAt));
            insert.Parameters.AddWithValue("body", message.Body);
            batch.BatchCommands.Add(insert);
        }

        // After the history rows, so a failing statement's index is still its message's.
        // In the same transaction: a message is searchable exactly when it is durable.
        foreach (var message in messages)
        {
            if (SearchSql.TextOf(message) is not { } text)
            {
                continue;
            }

            var index = new NpgsqlBatchCommand(SearchSql.Insert + " ON CONFLICT DO NOTHING");
            index.Parameters.AddWithValue("conversation", message.ConversationId);
            index.Parameters.AddWithValue("seq", message.Seq);
            index.Parameters.AddWithValue("sender", message.SenderId);
            index.Parameters.AddWithValue("sentAt", NpgsqlDbType.TimestampTz, StorageTime.Normalize(message.SentAt));
            index.Parameters.AddWithValue("text", text);
            batch.BatchCommands.Add(index);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var failed = FailedIndex(batch, exception);
            throw failed >= 0 && failed < messages.Count
                ? new DuplicateMessageException(messages[failed].ConversationId, messages[failed].Seq, exception)
                : new DuplicateMessageException($"duplicate: a message of {messages[0].ConversationId} in this batch is already stored", exception);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadAfter(conversationId, afterSeq, beforeSeq, limit);
        await using var command = _dataSource.CreateCommand(MessageHistorySql.ReadAfter);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("firstBucket", HistoryBuckets.Of(afterSeq + 1));
        command.Parameters.AddWithValue("lastBucket", HistoryBuckets.Of(beforeSeq - 1));
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("before", beforeSeq);
        command.Parameters.AddWithValue("limit", limit);
        return await MessageHistorySql.ReadMessagesAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryMessage>> ReadBeforeAsync(string conversationId, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadBefore(conversationId, beforeSeq, limit);
        await using var command = _dataSource.CreateCommand(MessageHistorySql.ReadBefore);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("lastBucket", HistoryBuckets.Of(beforeSeq - 1));
        command.Parameters.AddWithValue("before", beforeSeq);
        command.Parameters.AddWithValue("limit", limit);
        var messages = await MessageHistorySql.ReadMessagesAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
        messages.Reverse();
        return messages;
    }

    public async Task<long> ReadMaxSeqAsync(string conversationId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        await using var command = _dataSource.CreateCommand(MessageHistorySql.MaxSeq);
        command.Parameters.AddWithValue("conversation", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    public async Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        StorageArguments.ClientMsgId(conversationId, clientMsgId);
        await using var command = _dataSource.CreateCommand(MessageHistorySql.Find);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("client", clientMsgId);
        var found = await MessageHistorySql.ReadMessagesAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<string>> ReadClientMsgIdsAsync(string conversationId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        await using var command = _dataSource.CreateCommand(MessageHistorySql.ClientMsgIds);
        command.Parameters.AddWithValue("conversation", conversationId);
        return await MessageHistorySql.ReadStringsAsync(command, cancellationToken);
    }

    public async Task<bool> UpdateBodyAsync(string conversationId, long seq, string body, long expectedEditVersion, CancellationToken cancellationToken)
    {
        StorageArguments.BodyUpdate(conversationId, seq, body, expectedEditVersion);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(MessageHistorySql.UpdateBody, connection, transaction);
        update.Parameters.AddWithValue("conversation", conversationId);
        update.Parameters.AddWithValue("bucket", HistoryBuckets.Of(seq));
        update.Parameters.AddWithValue("seq", seq);
        update.Parameters.AddWithValue("body", body);
        update.Parameters.AddWithValue("expected", expectedEditVersion);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        // The index follows the new body in the same transaction: recalled text is unfindable
        // as soon as the recall is durable, edited text findable as soon as the edit is.
        await using var unindex = new NpgsqlCommand($"DELETE FROM {StorageNames.MessageSearch.Table} WHERE {StorageNames.MessageSearch.ConversationId} = @conversation AND {StorageNames.MessageSearch.Seq} = @seq", connection, transaction);
        unindex.Parameters.AddWithValue("conversation", conversationId);
        unindex.Parameters.AddWithValue("seq", seq);
        await unindex.ExecuteNonQueryAsync(cancellationToken);
        if (SearchSql.TextOf(body) is { } text)
        {
            await using var reindex = new NpgsqlCommand(SearchSql.ReindexFromHistory, connection, transaction);
            reindex.Parameters.AddWithValue("conversation", conversationId);
            reindex.Parameters.AddWithValue("bucket", HistoryBuckets.Of(seq));
            reindex.Parameters.AddWithValue("seq", seq);
            reindex.Parameters.AddWithValue("text", text);
            await reindex.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // Npgsql 10 leaves PostgresException.BatchCommand unset here, but it records each
    // statement's row count as it completes (-1 for those never run), and every insert that
    // ran affected one row: the first that did not is the one that failed.
    private static int FailedIndex(NpgsqlBatch batch, PostgresException exception)
    {
        if (exception.BatchCommand is { } failed)
        {
            return batch.BatchCommands.IndexOf(failed);
        }

        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected != 1)
            {
                return i;
            }
        }

        return -1;
    }
}
