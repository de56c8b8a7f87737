using System.Text.Json;
using Im.Domain.Search;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageSearch"/> over the embedded store: search.db's FTS5 table with the
/// trigram tokenizer for queries of 3+ characters, once it has caught up with im.db (see
/// <see cref="SqliteSearchIndex"/>); shorter ones, which trigrams cannot match, scan the
/// named conversations' history in im.db by its key.
/// </summary>
public sealed class SqliteMessageSearch : IMessageSearch
{
    // Conversation ids travel as one JSON array parameter: no statement text per list size.
    private const string Conversations = "(SELECT value FROM json_each(@ids))";

    private const string Indexed = $"""
        SELECT {MessageSearch.ConversationId}, {MessageSearch.Seq}, {MessageSearch.SenderId}, {MessageSearch.SentAt}, {MessageSearch.Text}
        FROM {MessageSearch.Table}
        WHERE {MessageSearch.Table} MATCH @match AND {MessageSearch.ConversationId} IN {Conversations}
        ORDER BY {MessageSearch.SentAt} DESC, {MessageSearch.Seq} DESC
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
        return query.Length >= SearchSql.TrigramLength
            ? SearchIndexedAsync(ids, query, limit, cancellationToken)
            : _database.ReadAsync((connection, token) => ReadHitsAsync(connection, Scanned, ids, limit, "@pattern", SearchSql.ContainsPattern(query), query, token), cancellationToken);
    }

    private async Task<IReadOnlyList<SearchHit>> SearchIndexedAsync(string ids, string query, int limit, CancellationToken cancellationToken)
    {
        await _index.CatchUpAsync(cancellationToken);

        // One FTS5 phrase: the whole query as a substring, quotes doubled.
        var match = $"\"{query.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        return await _index.ReadAsync((connection, token) => ReadHitsAsync(connection, Indexed, ids, limit, "@match", match, query, token), cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadHitsAsync(SqliteConnection connection, string sql, string ids, int limit, string name, string value, string query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@ids", ids);
        command.Parameters.AddWithValue("@limit", limit);
        command.Parameters.AddWithValue(name, value);
        return await SearchSql.ReadHitsAsync(command, SqliteDatabase.ReadInstant, query, cancellationToken);
    }
}
