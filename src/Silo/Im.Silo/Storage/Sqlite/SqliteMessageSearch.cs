using System.Text.Json;
using Im.Domain.Search;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageSearch"/> over the embedded store. A query of 3+ characters waits until
/// search.db has caught up with im.db (see <see cref="SqliteSearchIndex"/>), takes the rows
/// whose trigrams include all of the query's (<see cref="TrigramMatch"/>), reads them from
/// im.db's history and keeps those whose text holds the query, case-insensitively: the index
/// keeps trigrams only, as PostgreSQL's pg_trgm index does, and the text is checked as there.
/// Shorter queries, which trigrams cannot find, scan the named conversations' history in im.db
/// by its key, with the same text check.
/// </summary>
public sealed class SqliteMessageSearch : IMessageSearch
{
    // Conversation ids travel as one JSON array parameter: no statement text per list size.
    private const string Conversations = "(SELECT value FROM json_each(@ids))";

    private const string H = SqliteSearchAppends.HistorySchema;

    /// <summary>The text check on a row: a .NET function, since SQLite's own lower() and LIKE fold ASCII letters only.</summary>
    private const string HoldsQuery = "im_holds_query";

    private const string Hits = $"""
        SELECT conversation_id, seq, sender_id, sent_at, text FROM (
          SELECT h.{MessageHistory.ConversationId} AS conversation_id, h.{MessageHistory.Seq} AS seq, h.{MessageHistory.SenderId} AS sender_id,
            h.{MessageHistory.SentAt} AS sent_at, {SqliteSearchAppends.TextOfBody} AS text
        """;

    private const string NewestMatches = $"""
        WHERE {HoldsQuery}(text, @query)
        ORDER BY sent_at DESC, seq DESC
        LIMIT @limit
        """;

    // CROSS JOIN keeps the index as the outer loop: history is read by rowid for its matches only.
    private const string Indexed = $"""
        {Hits}
          FROM {MessageSearch.Table} s CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = s.rowid
          WHERE s.{MessageSearch.Table} MATCH @match AND h.{MessageHistory.ConversationId} IN {Conversations})
        {NewestMatches}
        """;

    private const string Scanned = $"""
        {Hits}
          FROM {MessageHistory.Table} h
          WHERE h.{MessageHistory.ConversationId} IN {Conversations})
        {NewestMatches}
        """;

    private readonly SqliteDatabase _database;
    private readonly SqliteSearchIndex _index;

    public SqliteMessageSearch(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _index = database.SearchIndex ?? throw new ArgumentException("search needs im.db's database, not search.db's", nameof(database));
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(IReadOnlyCollection<string> conversationIds, string query, int limit, CancellationToken cancellationToken)
    {
        SearchSql.Check(conversationIds, query, limit);
        if (conversationIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        var ids = JsonSerializer.Serialize(conversationIds);
        return TrigramMatch.Of(query) is { } match
            ? SearchIndexedAsync(ids, match, query, limit, cancellationToken)
            : _database.ReadAsync((connection, token) => ReadHitsAsync(connection, Scanned, ids, query, limit, match: null, token), cancellationToken);
    }

    private async Task<IReadOnlyList<SearchHit>> SearchIndexedAsync(string ids, string match, string query, int limit, CancellationToken cancellationToken)
    {
        await _index.CatchUpAsync(cancellationToken);
        return await _index.ReadAsync(
            async (connection, token) =>
            {
                await SqliteSearchAppends.AttachAsync(connection, _database.FilePath, token);
                return await ReadHitsAsync(connection, Indexed, ids, query, limit, match, token);
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadHitsAsync(SqliteConnection connection, string sql, string ids, string query, int limit, string? match, CancellationToken cancellationToken)
    {
        connection.CreateFunction<string?, string, bool>(HoldsQuery, static (text, query) => text is not null && text.Contains(query, StringComparison.OrdinalIgnoreCase), isDeterministic: true);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@ids", ids);
        command.Parameters.AddWithValue("@query", query);
        command.Parameters.AddWithValue("@limit", limit);
        if (match is not null)
        {
            command.Parameters.AddWithValue("@match", match);
        }

        return await SearchSql.ReadHitsAsync(command, SqliteDatabase.ReadInstant, query, cancellationToken);
    }
}
