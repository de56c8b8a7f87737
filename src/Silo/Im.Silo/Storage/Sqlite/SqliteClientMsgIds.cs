using Im.Domain.History;
using Im.Silo.Storage.Sql;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Finds the message of a conversation that carries a clientMsgId (idempotent retries)
/// without an index on im.db's history: search.db maps the ids of the rows its keys have taken
/// up, and the rows past the keys' cursor, the newest, are read from the history itself.
/// </summary>
/// <remarks>
/// Exact at any lag, as <see cref="SqliteHistoryKeys"/> is: the mapping moves with the keys'
/// cursor in the same transactions, and each read is one statement over both files.
/// </remarks>
internal sealed class SqliteClientMsgIds(SqliteHistoryKeys keys)
{
    private const string H = SqliteSearchAppends.HistorySchema;

    // A row past the cursor may still hold a lower seq than the mapped one: one append may
    // carry several messages in any order, and a pass may end inside it. So both, lowest first.
    private const string FindSql = $"""
        SELECT * FROM (
          SELECT {SqliteHistoryKeys.Columns}
          FROM {MessageClientIds.Table} c
          CROSS JOIN {MessageKeys.Table} k ON k.{MessageKeys.ConversationId} = c.{MessageClientIds.ConversationId} AND k.{MessageKeys.Seq} = c.{MessageClientIds.Seq}
          CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = k.{MessageKeys.HistoryRowId}
          WHERE c.{MessageClientIds.ConversationId} = @conversation AND c.{MessageClientIds.ClientMsgId} = @client)
        UNION ALL
        SELECT * FROM (
          SELECT {SqliteHistoryKeys.Columns} FROM {H}.{MessageHistory.Table} h
          WHERE h.rowid > {SqliteHistoryKeys.Cursor} AND +h.{MessageHistory.ConversationId} = @conversation AND h.{MessageHistory.ClientMsgId} = @client
          ORDER BY h.{MessageHistory.Seq} LIMIT 1)
        ORDER BY 2
        LIMIT 1
        """;

    private const string AllSql = $"""
        SELECT {MessageClientIds.ClientMsgId} FROM {MessageClientIds.Table} WHERE {MessageClientIds.ConversationId} = @conversation
        UNION ALL
        SELECT h.{MessageHistory.ClientMsgId} FROM {H}.{MessageHistory.Table} h
        WHERE h.rowid > {SqliteHistoryKeys.Cursor} AND +h.{MessageHistory.ConversationId} = @conversation
        """;

    /// <summary>The message with the lowest seq carrying <paramref name="clientMsgId"/>, or null.</summary>
    public Task<HistoryMessage?> FindAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken) =>
        keys.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = FindSql;
                command.Parameters.AddWithValue("@conversation", conversationId);
                command.Parameters.AddWithValue("@client", clientMsgId);
                var rows = await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, token);
                return rows.Count == 0 ? null : rows[0];
            },
            cancellationToken);

    /// <summary>Every clientMsgId stored in the conversation, in no particular order (an id carried twice may come twice).</summary>
    public Task<IReadOnlyList<string>> ReadAllAsync(string conversationId, CancellationToken cancellationToken) =>
        keys.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = AllSql;
                command.Parameters.AddWithValue("@conversation", conversationId);
                return await MessageHistorySql.ReadStringsAsync(command, token);
            },
            cancellationToken);
}
