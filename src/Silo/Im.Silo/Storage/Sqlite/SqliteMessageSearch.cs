using System.Text.Json;
using Im.Domain.Search;
using Im.Silo.Storage.Sql;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageSearch"/> over the embedded SQLite file: an FTS5 table with the
/// trigram tokenizer for queries of 3+ characters; shorter ones, which trigrams cannot
/// match, scan the named conversations' history by its key.
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

    public SqliteMessageSearch(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(IReadOnlyCollection<string> conversationIds, string query, int limit, CancellationToken cancellationToken)
    {
        SearchSql.Check(conversationIds, query, limit);
        if (conversationIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(conversationIds));
                command.Parameters.AddWithValue("@limit", limit);
                if (query.Length >= SearchSql.TrigramLength)
                {
                    // One FTS5 phrase: the whole query as a substring, quotes doubled.
                    command.CommandText = Indexed;
                    command.Parameters.AddWithValue("@match", $"\"{query.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
                }
                else
                {
                    command.CommandText = Scanned;
                    command.Parameters.AddWithValue("@pattern", SearchSql.ContainsPattern(query));
                }

                return (IReadOnlyList<SearchHit>)await SearchSql.ReadHitsAsync(command, SqliteDatabase.ReadInstant, query, token);
            },
            cancellationToken);
    }
}
