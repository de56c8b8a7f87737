using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Finds the message of a conversation that carries a clientMsgId (idempotent retries)
/// without an index on im.db's history, so that an append writes one conversation-keyed page
/// instead of two. search.db maps the ids of the rows its index has taken up; the rows past
/// its cursor, the newest, are read from the history itself.
/// </summary>
/// <remarks>
/// Exact at any lag: the cursor and the mapping are read in one statement, so every row at or
/// below that cursor is in the mapping, and every row above it is in im.db, read afterwards.
/// A row in neither was not appended before the call. The same holds for reading all of a
/// conversation's ids (<see cref="ReadAllAsync"/>).
/// </remarks>
internal sealed class SqliteClientMsgIds(SqliteDatabase history, SqliteSearchIndex index)
{
    /// <summary>
    /// Up to this many rows behind, the rows past the cursor are read by rowid (all
    /// conversations' newest rows, a pass or so); further behind (a rebuilding index), by the
    /// conversation's key, which reads its whole history.
    /// </summary>
    public const long MaxRowsReadByRowId = 10_000;

    private const string MappedSql = $"""
        SELECT
          (SELECT {SearchCursor.HistoryRowId} FROM {SearchCursor.Table} WHERE {SearchCursor.Id} = 1),
          (SELECT {MessageClientIds.Seq} FROM {MessageClientIds.Table} WHERE {MessageClientIds.ConversationId} = @conversation AND {MessageClientIds.ClientMsgId} = @client)
        """;

    // One statement, one snapshot: the cursor's row (client id null) and the conversation's mapped ids.
    private const string AllMappedSql = $"""
        SELECT {SearchCursor.HistoryRowId}, NULL FROM {SearchCursor.Table} WHERE {SearchCursor.Id} = 1
        UNION ALL
        SELECT NULL, {MessageClientIds.ClientMsgId} FROM {MessageClientIds.Table} WHERE {MessageClientIds.ConversationId} = @conversation
        """;

    private const string HighWaterSql = $"SELECT max(rowid) FROM {MessageHistory.Table}";

    private const string BySeqSql = $"""
        SELECT {MessageHistorySql.Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation AND {MessageHistory.Bucket} = @bucket AND {MessageHistory.Seq} = @seq
        """;

    // The unary + keeps SQLite on the rowid range and off the conversation's key.
    private const string PastCursorByRowIdSql = $"""
        SELECT {MessageHistorySql.Columns} FROM {MessageHistory.Table}
        WHERE rowid > @after AND +{MessageHistory.ConversationId} = @conversation AND {MessageHistory.ClientMsgId} = @client
        ORDER BY {MessageHistory.Seq}
        LIMIT 1
        """;

    private const string PastCursorByConversationSql = $"""
        SELECT {MessageHistorySql.Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation AND +rowid > @after AND {MessageHistory.ClientMsgId} = @client
        ORDER BY {MessageHistory.Seq}
        LIMIT 1
        """;

    private const string AllPastCursorByRowIdSql = $"""
        SELECT {MessageHistory.ClientMsgId} FROM {MessageHistory.Table}
        WHERE rowid > @after AND +{MessageHistory.ConversationId} = @conversation
        """;

    private const string AllPastCursorByConversationSql = $"""
        SELECT {MessageHistory.ClientMsgId} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation AND +rowid > @after
        """;

    /// <summary>The message with the lowest seq carrying <paramref name="clientMsgId"/>, or null.</summary>
    public async Task<HistoryMessage?> FindAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        // The mapping's table exists once search.db is open.
        await index.StartAsync(cancellationToken).ConfigureAwait(false);
        var (cursor, mappedSeq) = await index.ReadAsync((connection, token) => ReadMappedAsync(connection, conversationId, clientMsgId, token), cancellationToken).ConfigureAwait(false);
        return await history.ReadAsync(
            async (connection, token) =>
            {
                var mapped = mappedSeq is { } seq ? await ReadBySeqAsync(connection, conversationId, seq, token) : null;

                // A row past the cursor may still hold a lower seq: one append may carry
                // several messages in any order, and a pass may end inside it.
                var pastCursor = await ReadPastCursorAsync(connection, conversationId, clientMsgId, cursor, token);
                return pastCursor is not null && (mapped is null || pastCursor.Seq < mapped.Seq) ? pastCursor : mapped;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every clientMsgId stored in the conversation, in no particular order (an id carried twice may come twice).</summary>
    public async Task<IReadOnlyList<string>> ReadAllAsync(string conversationId, CancellationToken cancellationToken)
    {
        await index.StartAsync(cancellationToken).ConfigureAwait(false);
        var (cursor, ids) = await index.ReadAsync((connection, token) => ReadAllMappedAsync(connection, conversationId, token), cancellationToken).ConfigureAwait(false);
        return await history.ReadAsync(
            async (connection, token) =>
            {
                await using var command = await PastCursorCommandAsync(connection, conversationId, cursor, AllPastCursorByRowIdSql, AllPastCursorByConversationSql, token);
                if (command is not null)
                {
                    ids.AddRange(await MessageHistorySql.ReadStringsAsync(command, token));
                }

                return ids;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(long Cursor, List<string> Ids)> ReadAllMappedAsync(SqliteConnection connection, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = AllMappedSql;
        command.Parameters.AddWithValue("@conversation", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cursor = 0L;
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(1))
            {
                cursor = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
            }
            else
            {
                ids.Add(reader.GetString(1));
            }
        }

        return (cursor, ids);
    }

    private static async Task<long> ReadHighWaterAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = HighWaterSql;
        return await command.ExecuteScalarAsync(cancellationToken) is long rowId ? rowId : 0;
    }

    private static async Task<(long Cursor, long? Seq)> ReadMappedAsync(SqliteConnection connection, string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = MappedSql;
        command.Parameters.AddWithValue("@conversation", conversationId);
        command.Parameters.AddWithValue("@client", clientMsgId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static async Task<HistoryMessage?> ReadBySeqAsync(SqliteConnection connection, string conversationId, long seq, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = BySeqSql;
        command.Parameters.AddWithValue("@conversation", conversationId);
        command.Parameters.AddWithValue("@bucket", HistoryBuckets.Of(seq));
        command.Parameters.AddWithValue("@seq", seq);
        var rows = await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<HistoryMessage?> ReadPastCursorAsync(SqliteConnection connection, string conversationId, string clientMsgId, long cursor, CancellationToken cancellationToken)
    {
        await using var command = await PastCursorCommandAsync(connection, conversationId, cursor, PastCursorByRowIdSql, PastCursorByConversationSql, cancellationToken);
        if (command is null)
        {
            return null;
        }

        command.Parameters.AddWithValue("@client", clientMsgId);
        var rows = await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// A command over the conversation's rows past <paramref name="cursor"/>, with its
    /// <c>@after</c> and <c>@conversation</c> bound: by rowid when they are few, by the
    /// conversation's key when the index is far behind. Null when im.db holds none past it.
    /// </summary>
    private static async Task<SqliteCommand?> PastCursorCommandAsync(SqliteConnection connection, string conversationId, long cursor, string byRowIdSql, string byConversationSql, CancellationToken cancellationToken)
    {
        var highWater = await ReadHighWaterAsync(connection, cancellationToken);
        if (highWater <= cursor)
        {
            return null;
        }

        var command = connection.CreateCommand();
        command.CommandText = highWater - cursor <= MaxRowsReadByRowId ? byRowIdSql : byConversationSql;
        command.Parameters.AddWithValue("@after", cursor);
        command.Parameters.AddWithValue("@conversation", conversationId);
        return command;
    }
}
