using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// What the search index has not taken up yet, read from im.db in one snapshot: history rows
/// appended after its cursor, and the re-index queue's entries (edits, recalls) after its
/// other cursor, each with the message's current text.
/// </summary>
internal sealed class SqliteSearchChanges
{
    private const string RowColumns =
        $"h.{MessageHistory.ConversationId}, h.{MessageHistory.Seq}, h.{MessageHistory.SenderId}, h.{MessageHistory.ClientMsgId}, h.{MessageHistory.SentAt}, h.{MessageHistory.Body}";

    private const string AppendedSql = $"""
        SELECT h.rowid, {RowColumns}
        FROM {MessageHistory.Table} h
        WHERE h.rowid > @after
        ORDER BY h.rowid
        LIMIT @limit
        """;

    // History rows are never deleted; LEFT JOIN still lets an entry without its row pass.
    private const string ChangedSql = $"""
        SELECT r.{SearchReindex.Id}, r.{SearchReindex.HistoryRowId}, {RowColumns}
        FROM {SearchReindex.Table} r
        LEFT JOIN {MessageHistory.Table} h ON h.rowid = r.{SearchReindex.HistoryRowId}
        WHERE r.{SearchReindex.Id} > @after
        ORDER BY r.{SearchReindex.Id}
        LIMIT @limit
        """;

    /// <summary>What im.db holds now: the position an index must reach to answer as of this moment.</summary>
    public const string HighWaterSql = $"""
        SELECT (SELECT max(rowid) FROM {MessageHistory.Table}), (SELECT max({SearchReindex.Id}) FROM {SearchReindex.Table})
        """;

    private SqliteSearchChanges(List<SearchRow> appended, List<SearchRow> changed, SearchPosition through)
    {
        Appended = appended;
        Changed = changed;
        Through = through;
    }

    /// <summary>History rows to add, in rowid order.</summary>
    public IReadOnlyList<SearchRow> Appended { get; }

    /// <summary>
    /// Rows to index again, already added: an entry for a row past <see cref="Appended"/> is
    /// dropped, since that row is indexed later with whatever text it has then.
    /// </summary>
    public IReadOnlyList<SearchRow> Changed { get; }

    /// <summary>The position once these are indexed.</summary>
    public SearchPosition Through { get; }

    public int Count => Appended.Count + Changed.Count;

    public static async Task<SqliteSearchChanges> ReadAsync(SqliteConnection connection, SearchPosition from, int limit, CancellationToken cancellationToken)
    {
        // One read transaction: both queries see the same commit of im.db.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var appended = await ReadRowsAsync(connection, snapshot, AppendedSql, from.HistoryRowId, limit, withEntryId: false, cancellationToken);
        var historyThrough = appended.Count == 0 ? from.HistoryRowId : appended[^1].RowId;
        var entries = await ReadRowsAsync(connection, snapshot, ChangedSql, from.ReindexId, limit, withEntryId: true, cancellationToken);
        var reindexThrough = entries.Count == 0 ? from.ReindexId : entries[^1].EntryId;
        var changed = entries.Where(entry => entry.RowId <= historyThrough).ToList();
        return new SqliteSearchChanges(appended, changed, new SearchPosition(historyThrough, reindexThrough));
    }

    public static async Task<SearchPosition> ReadHighWaterAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = HighWaterSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SearchPosition(reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
    }

    private static async Task<List<SearchRow>> ReadRowsAsync(SqliteConnection connection, SqliteTransaction snapshot, string sql, long after, int limit, bool withEntryId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@after", after);
        command.Parameters.AddWithValue("@limit", limit);
        var rows = new List<SearchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var first = withEntryId ? 1 : 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var entryId = withEntryId ? reader.GetInt64(0) : 0;
            var rowId = reader.GetInt64(first);
            rows.Add(reader.IsDBNull(first + 1)
                ? new SearchRow(entryId, rowId, string.Empty, 0, string.Empty, string.Empty, 0, null)
                : new SearchRow(
                    entryId,
                    rowId,
                    reader.GetString(first + 1),
                    reader.GetInt64(first + 2),
                    reader.GetString(first + 3),
                    reader.GetString(first + 4),
                    reader.GetInt64(first + 5),
                    SearchSql.TextOf(reader.GetString(first + 6))));
        }

        return rows;
    }
}
