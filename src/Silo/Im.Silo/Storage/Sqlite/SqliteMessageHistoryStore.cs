using Im.Domain.History;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

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

    private const string Columns =
        $"{MessageHistory.ConversationId}, {MessageHistory.Seq}, {MessageHistory.SenderId}, {MessageHistory.ClientMsgId}, {MessageHistory.SentAt}, {MessageHistory.Body}";

    private const string InsertSql = $"""
        INSERT INTO {MessageHistory.Table} ({MessageHistory.Bucket}, {Columns})
        VALUES (@bucket, @conversation, @seq, @sender, @client, @sentAt, @body)
        """;

    // Bucket bounds keep the scan on the key's (conversation, bucket) prefix.
    private const string ReadAfterSql = $"""
        SELECT {Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
          AND {MessageHistory.Bucket} BETWEEN @firstBucket AND @lastBucket
          AND {MessageHistory.Seq} > @after AND {MessageHistory.Seq} < @before
        ORDER BY {MessageHistory.Bucket}, {MessageHistory.Seq}
        LIMIT @limit
        """;

    private const string ReadBeforeSql = $"""
        SELECT {Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
          AND {MessageHistory.Bucket} <= @lastBucket
          AND {MessageHistory.Seq} < @before
        ORDER BY {MessageHistory.Bucket} DESC, {MessageHistory.Seq} DESC
        LIMIT @limit
        """;

    private const string MaxSeqSql = $"""
        SELECT {MessageHistory.Seq} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
        ORDER BY {MessageHistory.Bucket} DESC, {MessageHistory.Seq} DESC
        LIMIT 1
        """;

    private const string FindSql = $"""
        SELECT {Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation AND {MessageHistory.ClientMsgId} = @client
        ORDER BY {MessageHistory.Seq}
        LIMIT 1
        """;

    private readonly SqliteDatabase _database;

    public SqliteMessageHistoryStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task AppendAsync(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        if (!StorageArguments.Batch(messages))
        {
            return Task.CompletedTask;
        }

        return _database.WriteAsync(
            async (connection, token) =>
            {
                // Disposing an uncommitted transaction rolls it back: a duplicate anywhere
                // in the batch leaves none of it behind.
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InsertSql;
                var bucket = command.Parameters.Add("@bucket", SqliteType.Integer);
                var conversation = command.Parameters.Add("@conversation", SqliteType.Text);
                var seq = command.Parameters.Add("@seq", SqliteType.Integer);
                var sender = command.Parameters.Add("@sender", SqliteType.Text);
                var client = command.Parameters.Add("@client", SqliteType.Text);
                var sentAt = command.Parameters.Add("@sentAt", SqliteType.Integer);
                var body = command.Parameters.Add("@body", SqliteType.Text);
                foreach (var message in messages)
                {
                    bucket.Value = HistoryBuckets.Of(message.Seq);
                    conversation.Value = message.ConversationId;
                    seq.Value = message.Seq;
                    sender.Value = message.SenderId;
                    client.Value = message.ClientMsgId;
                    sentAt.Value = StorageTime.ToUnixMicroseconds(message.SentAt);
                    body.Value = message.Body;
                    try
                    {
                        await command.ExecuteNonQueryAsync(token);
                    }
                    catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == PrimaryKeyViolation)
                    {
                        throw new DuplicateMessageException(message.ConversationId, message.Seq, exception);
                    }
                }

                await transaction.CommitAsync(token);
                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.ReadAfter(conversationId, afterSeq, beforeSeq, limit);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ReadAfterSql;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@firstBucket", HistoryBuckets.Of(afterSeq + 1));
                command.Parameters.AddWithValue("@lastBucket", HistoryBuckets.Of(beforeSeq - 1));
                command.Parameters.AddWithValue("@after", afterSeq);
                command.Parameters.AddWithValue("@before", beforeSeq);
                command.Parameters.AddWithValue("@limit", limit);
                return (IReadOnlyList<HistoryMessage>)await ReadMessagesAsync(command, token);
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
                command.CommandText = ReadBeforeSql;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@lastBucket", HistoryBuckets.Of(beforeSeq - 1));
                command.Parameters.AddWithValue("@before", beforeSeq);
                command.Parameters.AddWithValue("@limit", limit);
                var messages = await ReadMessagesAsync(command, token);
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
                command.CommandText = MaxSeqSql;
                command.Parameters.AddWithValue("@conversation", conversationId);
                return await command.ExecuteScalarAsync(token) is long seq ? seq : 0;
            },
            cancellationToken);
    }

    public Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        StorageArguments.Conversation(conversationId);
        ArgumentNullException.ThrowIfNull(clientMsgId);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = FindSql;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@client", clientMsgId);
                var found = await ReadMessagesAsync(command, token);
                return found.Count == 0 ? null : found[0];
            },
            cancellationToken);
    }

    private static async Task<List<HistoryMessage>> ReadMessagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<HistoryMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new HistoryMessage(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                StorageTime.FromUnixMicroseconds(reader.GetInt64(4)),
                reader.GetString(5)));
        }

        return messages;
    }
}
