using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Takes the history rows past the index's cursors up inside SQLite: im.db is attached,
/// read-only in use, to search.db's writer connection, and <c>INSERT … SELECT</c> statements
/// copy a pass's rows into the history keys and the clientMsgId tokens (past the keys'
/// cursor) and into the FTS5 table, which keeps a row's trigrams under its history rowid,
/// nothing else (past the trigrams' cursor), so no row, string or parameter crosses into .NET
/// per message.
/// </summary>
/// <remarks>
/// The searchable text is the body's <c>text</c> when it is a non-empty JSON string, as
/// <see cref="Sql.SearchSql.TextOf(string)"/> reads it; a body that is not valid JSON has none.
/// </remarks>
internal static class SqliteSearchAppends
{
    /// <summary>The schema name im.db is attached under on search.db's writer connection.</summary>
    public const string HistorySchema = "history";

    private const string IsAttachedSql = $"SELECT count(*) FROM pragma_database_list WHERE name = '{HistorySchema}'";

    private const string AttachSql = $"ATTACH DATABASE @path AS {HistorySchema}";

    private const string ThroughSql = $"""
        SELECT max(rowid), count(*) FROM (
          SELECT rowid FROM {HistorySchema}.{MessageHistory.Table} WHERE rowid > @after AND rowid <= @upTo ORDER BY rowid LIMIT @limit)
        """;

    private const string Range = $"FROM {HistorySchema}.{MessageHistory.Table} WHERE rowid > @after AND rowid <= @through";

    // Sorted by key, a pass's rows (a few of each of hundreds of conversations) land in the
    // B-tree leaf by leaf: a busy conversation's leaf is written once per pass, where the key on
    // im.db's history was written once per message, fsynced. OR IGNORE: the writer refuses a
    // taken key, so a second row with one could only come from outside it; the first row keeps it.
    private const string KeysSql = $"""
        INSERT OR IGNORE INTO {MessageKeys.Table} ({MessageKeys.ConversationId}, {MessageKeys.Seq}, {MessageKeys.HistoryRowId}, {MessageKeys.ClientMsgId})
        SELECT {MessageHistory.ConversationId}, {MessageHistory.Seq}, rowid, {MessageHistory.ClientMsgId} {Range}
        ORDER BY 1, 2
        """;

    // One FTS5 token per row naming its conversation and clientMsgId (an id carried twice has
    // a token per row; a lookup takes the lowest seq). FTS5 writes a pass's tokens as one sorted
    // segment, where a B-tree keyed by the ids took a leaf of its own for each once it was large.
    private const string ClientTokensSql = $"""
        INSERT INTO {MessageClientTokens.Table} (rowid, {MessageClientTokens.Token})
        SELECT rowid, {MessageClientTokens.OfHistoryRow} {Range}
        """;

    /// <summary>
    /// A history row's searchable text in SQL, as <see cref="Sql.SearchSql.TextOf(string)"/>
    /// reads it, or null. CASE, not AND: json_type raises an error on a body that is not JSON,
    /// and only CASE is sure to skip it.
    /// </summary>
    public const string TextOfBody = $"""
        CASE WHEN json_valid({MessageHistory.Body}) THEN
          CASE WHEN json_type({MessageHistory.Body}, '$.text') = 'text' THEN json_extract({MessageHistory.Body}, '$.text') END
        END
        """;

    private const string SearchRowsSql = $"""
        INSERT INTO {MessageSearch.Table} (rowid, {MessageSearch.Text})
        SELECT rowid, text FROM (SELECT rowid, {TextOfBody} AS text {Range})
        WHERE text IS NOT NULL AND text <> ''
        """;

    /// <summary>Attaches im.db unless this connection has it already (ATTACH cannot run inside a transaction).</summary>
    public static async Task AttachAsync(SqliteConnection connection, string historyPath, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = IsAttachedSql;
        if (await command.ExecuteScalarAsync(cancellationToken) is long attached && attached > 0)
        {
            return;
        }

        command.CommandText = AttachSql;
        command.Parameters.AddWithValue("@path", historyPath);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the keys and clientMsgIds of up to <paramref name="limit"/> history rows past
    /// <paramref name="after"/>; returns the last rowid taken (or <paramref name="after"/>) and how many.
    /// </summary>
    public static Task<(long Through, int Count)> TakeUpKeysAsync(SqliteConnection connection, SqliteTransaction transaction, long after, int limit, CancellationToken cancellationToken) =>
        TakeUpAsync(connection, transaction, after, long.MaxValue, limit, [KeysSql, ClientTokensSql], cancellationToken);

    /// <summary>
    /// Writes the trigram rows of up to <paramref name="limit"/> history rows past
    /// <paramref name="after"/>, none past <paramref name="upTo"/>; returns the last rowid taken (or <paramref name="after"/>) and how many.
    /// </summary>
    public static Task<(long Through, int Count)> TakeUpTextAsync(SqliteConnection connection, SqliteTransaction transaction, long after, long upTo, int limit, CancellationToken cancellationToken) =>
        TakeUpAsync(connection, transaction, after, upTo, limit, [SearchRowsSql], cancellationToken);

    private static async Task<(long Through, int Count)> TakeUpAsync(SqliteConnection connection, SqliteTransaction transaction, long after, long upTo, int limit, string[] statements, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ThroughSql;
        command.Parameters.AddWithValue("@after", after);
        command.Parameters.AddWithValue("@upTo", upTo);
        command.Parameters.AddWithValue("@limit", limit);
        long through;
        int count;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            count = reader.GetInt32(1);
            through = count == 0 ? after : reader.GetInt64(0);
        }

        if (count == 0)
        {
            return (after, 0);
        }

        command.Parameters.Clear();
        command.Parameters.AddWithValue("@after", after);
        command.Parameters.AddWithValue("@through", through);
        foreach (var statement in statements)
        {
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (through, count);
    }
}
