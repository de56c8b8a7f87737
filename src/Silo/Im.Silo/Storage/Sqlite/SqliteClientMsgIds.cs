using Im.Domain.History;
using Im.Silo.Storage.Sql;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Finds the message of a conversation that carries a clientMsgId (idempotent retries)
/// without an index on im.db's history: search.db holds a token per history row its keys have
/// taken up (<see cref="MessageClientTokens"/>), and the rows past the keys' cursor, the
/// newest, are read from the history itself.
/// </summary>
/// <remarks>
/// Exact at any lag, as <see cref="SqliteHistoryKeys"/> is: the tokens move with the keys'
/// cursor in the same transactions, and each read is one statement over both files. A token
/// only finds candidates; the history row's own conversation and id decide.
/// </remarks>
internal sealed class SqliteClientMsgIds(SqliteHistoryKeys keys)
{
    private const string H = SqliteSearchAppends.HistorySchema;

    // A row past the cursor may still hold a lower seq than a tokened one: one append may
    // carry several messages in any order, and a pass may end inside it. So both, lowest first.
    private const string FindSql = $"""
        SELECT * FROM (
          SELECT {SqliteHistoryKeys.Columns}
          FROM {MessageClientTokens.Table} t
          CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = t.rowid
          WHERE t.{MessageClientTokens.Table} MATCH '"' || {MessageClientTokens.OfParameters} || '"'
            AND h.{MessageHistory.ConversationId} = @conversation AND h.{MessageHistory.ClientMsgId} = @client
          ORDER BY h.{MessageHistory.Seq} LIMIT 1)
        UNION ALL
        SELECT * FROM (
          SELECT {SqliteHistoryKeys.Columns} FROM {H}.{MessageHistory.Table} h
          WHERE h.rowid > {SqliteHistoryKeys.Cursor} AND +h.{MessageHistory.ConversationId} = @conversation AND h.{MessageHistory.ClientMsgId} = @client
          ORDER BY h.{MessageHistory.Seq} LIMIT 1)
        ORDER BY 2
        LIMIT 1
        """;

    // The keyed rows' ids come with their keys, which lie together, in one pass over them; a key
    // written before keys carried ids reads its row's from history (coalesce asks only then).
    private const string AllSql = $"""
        SELECT coalesce(k.{MessageKeys.ClientMsgId}, (SELECT h.{MessageHistory.ClientMsgId} FROM {H}.{MessageHistory.Table} h WHERE h.rowid = k.{MessageKeys.HistoryRowId}))
        FROM {MessageKeys.Table} k
        WHERE k.{MessageKeys.ConversationId} = @conversation
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
