using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Reads im.db's history by key, which im.db no longer holds: search.db's keys, written behind
/// the history by the index's writer, and the history rows past the keys' cursor, in one
/// statement on a search.db connection with im.db attached.
/// </summary>
/// <remarks>
/// <para>Exact at any lag. The keys and their cursor are one snapshot of search.db, and a pass
/// writes a row's key in the transaction that moves the cursor past it, so every row at or
/// below the cursor has its key and every row above it is read from the history itself.
/// Whichever file's snapshot the statement takes first, a row appended before the read began
/// is in one of the two parts: below the cursor it was committed before its key, so im.db's
/// snapshot holds it; above, the tail does. Rows are never deleted and keep their rowids.</para>
/// <para>What the tail costs: the rows of every conversation past the cursor, read by rowid
/// and filtered, normally a pass's worth (a few thousand). A rebuilding index leaves a long
/// tail; reads stay exact and get slower until its keys catch up, which the index does first
/// (<see cref="SqliteSearchIndex.MaxKeysPerPass"/>).</para>
/// </remarks>
internal sealed class SqliteHistoryKeys(SqliteDatabase history, SqliteSearchIndex index)
{
    private const string H = SqliteSearchAppends.HistorySchema;

    /// <summary>The keys' cursor, in the statement's own snapshot of search.db.</summary>
    public const string Cursor = $"(SELECT {SearchCursor.KeysRowId} FROM {SearchCursor.Table} WHERE {SearchCursor.Id} = 1)";

    /// <summary><see cref="MessageHistorySql.Columns"/> of the history row aliased <c>h</c>, in that order.</summary>
    public const string Columns =
        $"h.{MessageHistory.ConversationId}, h.{MessageHistory.Seq}, h.{MessageHistory.SenderId}, h.{MessageHistory.ClientMsgId}, h.{MessageHistory.SentAt}, h.{MessageHistory.Body}, h.{MessageHistory.EditVersion}";

    // The conversation's keyed rows, keys first (CROSS JOIN keeps them the outer loop).
    private const string Keyed = $"""
        FROM {MessageKeys.Table} k CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = k.{MessageKeys.HistoryRowId}
        WHERE k.{MessageKeys.ConversationId} = @conversation
        """;

    // The conversation's rows past the cursor. The unary + keeps SQLite on the rowid range.
    private const string Tail = $"""
        FROM {H}.{MessageHistory.Table} h
        WHERE h.rowid > {Cursor} AND +h.{MessageHistory.ConversationId} = @conversation
        """;

    private const string ReadAfterSql = $"""
        SELECT * FROM (SELECT {Columns} {Keyed} AND k.{MessageKeys.Seq} > @after AND k.{MessageKeys.Seq} < @before ORDER BY k.{MessageKeys.Seq} LIMIT @limit)
        UNION ALL
        SELECT * FROM (SELECT {Columns} {Tail} AND h.{MessageHistory.Seq} > @after AND h.{MessageHistory.Seq} < @before ORDER BY h.{MessageHistory.Seq} LIMIT @limit)
        ORDER BY 2
        LIMIT @limit
        """;

    private const string ReadBeforeSql = $"""
        SELECT * FROM (SELECT {Columns} {Keyed} AND k.{MessageKeys.Seq} < @before ORDER BY k.{MessageKeys.Seq} DESC LIMIT @limit)
        UNION ALL
        SELECT * FROM (SELECT {Columns} {Tail} AND h.{MessageHistory.Seq} < @before ORDER BY h.{MessageHistory.Seq} DESC LIMIT @limit)
        ORDER BY 2 DESC
        LIMIT @limit
        """;

    private const string MaxSeqSql = $"""
        SELECT max(seq) FROM (
          SELECT max(k.{MessageKeys.Seq}) AS seq FROM {MessageKeys.Table} k WHERE k.{MessageKeys.ConversationId} = @conversation
          UNION ALL
          SELECT max(h.{MessageHistory.Seq}) {Tail})
        """;

    private const string RowIdSql = $"""
        SELECT k.{MessageKeys.HistoryRowId} FROM {MessageKeys.Table} k WHERE k.{MessageKeys.ConversationId} = @conversation AND k.{MessageKeys.Seq} = @seq
        UNION ALL
        SELECT h.rowid {Tail} AND h.{MessageHistory.Seq} = @seq
        LIMIT 1
        """;

    /// <summary>Up to <paramref name="limit"/> messages with seqs strictly between the two, ascending.</summary>
    public Task<List<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) =>
            {
                var command = Command(connection, ReadAfterSql, conversationId);
                command.Parameters.AddWithValue("@after", afterSeq);
                command.Parameters.AddWithValue("@before", beforeSeq);
                command.Parameters.AddWithValue("@limit", limit);
                return ReadMessagesAsync(command, token);
            },
            cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages below <paramref name="beforeSeq"/>, newest first.</summary>
    public Task<List<HistoryMessage>> ReadBeforeAsync(string conversationId, long beforeSeq, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) =>
            {
                var command = Command(connection, ReadBeforeSql, conversationId);
                command.Parameters.AddWithValue("@before", beforeSeq);
                command.Parameters.AddWithValue("@limit", limit);
                return ReadMessagesAsync(command, token);
            },
            cancellationToken);

    public Task<long> ReadMaxSeqAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, MaxSeqSql, conversationId);
                return await command.ExecuteScalarAsync(token) is long seq ? seq : 0;
            },
            cancellationToken);

    /// <summary>The history rowid of a message, or null: a message keeps its rowid for good, so a write may go by it.</summary>
    public Task<long?> FindRowIdAsync(string conversationId, long seq, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var command = Command(connection, RowIdSql, conversationId);
                command.Parameters.AddWithValue("@seq", seq);
                return await command.ExecuteScalarAsync(token) is long rowId ? rowId : (long?)null;
            },
            cancellationToken);

    /// <summary>Runs a read on search.db with im.db attached (as <c>history</c>), once the index has opened its file.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await index.StartAsync(cancellationToken).ConfigureAwait(false);
        return await index.ReadAsync(
            async (connection, token) =>
            {
                await SqliteSearchAppends.AttachAsync(connection, history.FilePath, token);
                return await read(connection, token);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string conversationId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@conversation", conversationId);
        return command;
    }

    private static async Task<List<HistoryMessage>> ReadMessagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await MessageHistorySql.ReadMessagesAsync(command, SqliteDatabase.ReadInstant, cancellationToken);
        }
    }
}
