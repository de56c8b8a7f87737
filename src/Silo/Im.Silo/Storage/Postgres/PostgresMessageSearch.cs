using Im.Domain.Search;
using Im.Silo.Storage.Sql;
using Npgsql;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IMessageSearch"/> over PostgreSQL: ILIKE on the search table, served by the
/// pg_trgm GIN index for queries of 3+ characters and by the (conversation, seq) key for
/// shorter ones. The index only narrows; every row is rechecked, so results are exact.
/// </summary>
/// <remarks>
/// A query common in the named conversations is better served newest first: the planner can
/// walk <c>message_search_newest</c> (sent_at, seq descending) and stop at the limit, where the
/// trigram index would fetch every match in the store to sort them. It picks by its estimates.
/// </remarks>
public sealed class PostgresMessageSearch : IMessageSearch
{
    private const string Search = $"""
        SELECT {MessageSearch.ConversationId}, {MessageSearch.Seq}, {MessageSearch.SenderId}, {MessageSearch.SentAt}, {MessageSearch.Text}
        FROM {MessageSearch.Table}
        WHERE {MessageSearch.ConversationId} = ANY(@ids) AND {MessageSearch.Text} ILIKE @pattern
        ORDER BY {MessageSearch.SentAt} DESC, {MessageSearch.Seq} DESC
        LIMIT @limit
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresMessageSearch(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(IReadOnlyCollection<string> conversationIds, string query, int limit, CancellationToken cancellationToken)
    {
        SearchSql.Check(conversationIds, query, limit);
        if (conversationIds.Count == 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand(Search);
        command.Parameters.AddWithValue("ids", conversationIds.ToArray());
        command.Parameters.AddWithValue("pattern", SearchSql.ContainsPattern(query));
        command.Parameters.AddWithValue("limit", limit);
        return await SearchSql.ReadHitsAsync(command, PostgresDatabase.ReadInstant, query, cancellationToken);
    }
}
