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
/// by its key.
/// </summary>
public sealed class SqliteMessageSearch : IMessageSearch
{
    // Conversation ids travel as one JSON array parameter: no statement text per list size.
    private const string Conversations = "(SELECT value FROM json_each(@ids))";

    private const string H = SqliteSearchAppends.HistorySchema;

    /// <summary>The text check on a candidate: a .NET function, since SQLite's own lower() and LIKE fold ASCII letters only.</summary>
    private const string HoldsQuery = "im_holds_query";

    // CROSS JOIN keeps the index as the outer loop: history is read by rowid for its matches only.
    private const string Indexed = $"""
        SELECT conversation_id, seq, sender_id, sent_at, text FROM (
          SELECT h.{MessageHistory.ConversationId} AS conversation_id, h.{MessageHistory.Seq} AS seq, h.{MessageHistory.SenderId} AS sender_id,
            h.{MessageHistory.SentAt} AS sent_at, {SqliteSearchAppends.TextOfBody} AS text
          FROM {MessageSearch.Table} s CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = s.rowid
          WHERE s.{MessageSearch.Table} MATCH @match AND h.{MessageHistory.ConversationId} IN {Conversations})
        WHERE {HoldsQuery}(text, @query)
        ORDER BY sent_at DESC, seq DESC
        LIMIT @limit
        """;

    // CASE keeps json_extract away from a body that is not JSON (it would fail the query).
    private const string HistoryText = $"CASE WHEN json_valid({MessageHistory.Body}) THEN json_extract({MessageHistory.Body}, '$.text') END";

    private const string Scanned = $"""
        SELECT {MessageHistory.ConversationId}, {MessageHistory.Seq}, {MessageHistory.SenderId}, {MessageHistory.SentAt}, {HistoryText}
        FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} IN {Conversations} AND {HistoryText} LIKE @pattern ESCAPE '\'
        ORDER BY {MessageHistory.SentAt} DESC, {MessageHistory.Seq} DESC
        LIMIT @limit
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
            : _database.ReadAsync((connection, token) => ReadHitsAsync(connection, Scanned, ids, limit, "@pattern", SearchSql.ContainsPattern(query), query, token), cancellationToken);
    }

    private async Task<IReadOnlyList<SearchHit>> SearchIndexedAsync(string ids, string match, string query, int limit, CancellationToken cancellationToken)
    {
        await _index.CatchUpAsync(cancellationToken);
        return await _index.ReadAsync(
            async (connection, token) =>
            {
                await SqliteSearchAppends.AttachAsync(connection, _database.FilePath, token);
                connection.CreateFunction<string?, string, bool>(HoldsQuery, static (text, query) => text is not null && text.Contains(query, StringComparison.OrdinalIgnoreCase), isDeterministic: true);
                await using var command = connection.CreateCommand();
                command.CommandText = Indexed;
                command.Parameters.AddWithValue("@query", query);
                return await ReadHitsAsync(command, ids, limit, "@match", match, query, token);
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadHitsAsync(SqliteConnection connection, string sql, string ids, int limit, string name, string value, string query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await ReadHitsAsync(command, ids, limit, name, value, query, cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadHitsAsync(SqliteCommand command, string ids, int limit, string name, string value, string query, CancellationToken cancellationToken)
    {
        command.Parameters.AddWithValue("@ids", ids);
        command.Parameters.AddWithValue("@limit", limit);
        command.Parameters.AddWithValue(name, value);
        return await SearchSql.ReadHitsAsync(command, SqliteDatabase.ReadInstant, query, cancellationToken);
    }
}
