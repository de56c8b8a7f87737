using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The re-index queue's entries (edits, recalls) the search index has not taken up yet, each
/// with the message's current text, read from im.db as attached to search.db's writer
/// (<see cref="SqliteSearchAppends"/>), in the pass's snapshot.
/// </summary>
internal sealed class SqliteSearchChanges
{
    private const string H = SqliteSearchAppends.HistorySchema;

    // History rows are never deleted; LEFT JOIN still lets an entry without its row pass.
    private const string ChangedSql = $"""
        SELECT r.{SearchReindex.Id}, r.{SearchReindex.HistoryRowId}, h.{MessageHistory.Body}
        FROM {H}.{SearchReindex.Table} r
        LEFT JOIN {H}.{MessageHistory.Table} h ON h.rowid = r.{SearchReindex.HistoryRowId}
        WHERE r.{SearchReindex.Id} > @after
        ORDER BY r.{SearchReindex.Id}
        LIMIT @limit
        """;

    /// <summary>What im.db holds now: the position an index must reach to answer as of this moment.</summary>
    public const string HighWaterSql = $"""
        SELECT (SELECT max(rowid) FROM {MessageHistory.Table}), (SELECT max({SearchReindex.Id}) FROM {SearchReindex.Table})
        """;

    private SqliteSearchChanges(List<SearchRow> changed, int entries, long reindexThrough)
    {
        Changed = changed;
        Entries = entries;
        ReindexThrough = reindexThrough;
    }

    /// <summary>
    /// Rows to index again, already taken up: an entry for a row past the pass's history
    /// rows is dropped, since that row is indexed later with whatever text it has then.
    /// </summary>
    public IReadOnlyList<SearchRow> Changed { get; }

    /// <summary>Entries read, dropped ones included.</summary>
    public int Entries { get; }

    /// <summary>The queue's position once these are indexed.</summary>
    public long ReindexThrough { get; }

    public static async Task<SqliteSearchChanges> ReadAsync(SqliteConnection connection, SqliteTransaction transaction, long after, long historyThrough, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ChangedSql;
        command.Parameters.AddWithValue("@after", after);
        command.Parameters.AddWithValue("@limit", limit);
        var changed = new List<SearchRow>();
        var entries = 0;
        var through = after;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries++;
            through = reader.GetInt64(0);
            var rowId = reader.GetInt64(1);
            if (rowId > historyThrough)
            {
                continue;
            }

            changed.Add(new SearchRow(rowId, reader.IsDBNull(2) ? null : SearchSql.TextOf(reader.GetString(2))));
        }

        return new SqliteSearchChanges(changed, entries, through);
    }

    public static async Task<SearchPosition> ReadHighWaterAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = HighWaterSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var historyRowId = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        return new SearchPosition(historyRowId, reader.IsDBNull(1) ? 0 : reader.GetInt64(1), historyRowId);
    }
}
