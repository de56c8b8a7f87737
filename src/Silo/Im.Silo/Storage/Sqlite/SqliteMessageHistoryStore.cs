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
                command.CommandText = MessageHistorySql.Insert;
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

                await IndexAsync(connection, transaction, messages, token);
                await transaction.CommitAsync(token);
                return true;
            },
            cancellationToken);
    }

    // FTS5 rows take the rowid of their history row: FTS5 indexes nothing else, and this is
    // what lets an edit or a recall find one message's index row without a full scan.
    private const string HistoryRowId = $"SELECT rowid FROM {StorageNames.MessageHistory.Table} WHERE {StorageNames.MessageHistory.ConversationId} = @conversation AND {StorageNames.MessageHistory.Bucket} = @bucket AND {StorageNames.MessageHistory.Seq} = @seq";

    private const string IndexOne = $"""
        INSERT INTO {StorageNames.MessageSearch.Table} (rowid, {StorageNames.MessageSearch.Text}, {StorageNames.MessageSearch.ConversationId}, {StorageNames.MessageSearch.Seq}, {StorageNames.MessageSearch.SenderId}, {StorageNames.MessageSearch.SentAt})
        VALUES (({HistoryRowId}), @text, @conversation, @seq, @sender, @sentAt)
        """;

    private const string UnindexOne = $"DELETE FROM {StorageNames.MessageSearch.Table} WHERE rowid = ({HistoryRowId})";

    private const string ReindexOne = $"""
        INSERT INTO {StorageNames.MessageSearch.Table} (rowid, {StorageNames.MessageSearch.Text}, {StorageNames.MessageSearch.ConversationId}, {StorageNames.MessageSearch.Seq}, {StorageNames.MessageSearch.SenderId}, {StorageNames.MessageSearch.SentAt})
        SELECT rowid, @text, {StorageNames.MessageHistory.ConversationId}, {StorageNames.MessageHistory.Seq}, {StorageNames.MessageHistory.SenderId}, {StorageNames.MessageHistory.SentAt}
        FROM {StorageNames.MessageHistory.Table}
        WHERE {StorageNames.MessageHistory.ConversationId} = @conversation AND {StorageNames.MessageHistory.Bucket} = @bucket AND {StorageNames.MessageHistory.Seq} = @seq
        """;

    // In the append's transaction, so a message is searchable exactly when it is durable.
    private static async Task IndexAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = IndexOne;
        var bucket = command.Parameters.Add("@bucket", SqliteType.Integer);
        var conversation = command.Parameters.Add("@conversation", SqliteType.Text);
        var seq = command.Parameters.Add("@seq", SqliteType.Integer);
        var sender = command.Parameters.Add("@sender", SqliteType.Text);
        var sentAt = command.Parameters.Add("@sentAt", SqliteType.Integer);
        var text = command.Parameters.Add("@text", SqliteType.Text);
        foreach (var message in messages)
        {
            if (SearchSql.TextOf(message) is not { } searchable)
            {
                continue;
            }

            bucket.Value = HistoryBuckets.Of(message.Seq);
            conversation.Value = message.ConversationId;
            seq.Value = message.Seq;
            sender.Value = message.SenderId;
            sentAt.Value = StorageTime.ToUnixMicroseconds(message.SentAt);
            text.Value = searchable;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

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

    public Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        StorageArguments.ClientMsgId(conversationId, clientMsgId);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = MessageHistorySql.Find;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@client", clientMsgId);
                var found = await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, token);
                return found.Count == 0 ? null : found[0];
            },
            cancellationToken);
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

                // The index follows the new body in the same transaction: recalled text is
                // unfindable as soon as the recall is durable.
                command.CommandText = UnindexOne;
                await command.ExecuteNonQueryAsync(token);
                if (SearchSql.TextOf(body) is { } text)
                {
                    command.CommandText = ReindexOne;
                    command.Parameters.AddWithValue("@text", text);
                    await command.ExecuteNonQueryAsync(token);
                }

                await transaction.CommitAsync(token);
                return true;
            },
            cancellationToken);
    }
}
