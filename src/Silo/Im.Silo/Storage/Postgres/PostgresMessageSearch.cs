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
/// <para>A query common in the named conversations is better served newest first: the planner
/// can walk <c>message_search_newest</c> (sent_at, seq descending) and stop at the limit, where
/// the trigram index would fetch every match in the store to sort them. It picks by its
/// estimates, which take the conversations' messages for spread evenly over time.</para>
/// <para>They are not when the conversations are quiet: their messages are old, and a walk
/// newest first would go over every message stored since before it met theirs (2 s in a
/// scratch table of 2,000,000 rows). So a search of up to <see cref="BoundedScopeAtMost"/>
/// conversations first reads their newest messages (one step back on the key each) and
/// searches only messages sent by then, with <see cref="ClockSlack"/> to spare: the walk starts
/// at their newest message, and the planner knows how few rows lie before it.</para>
/// </remarks>
public sealed class PostgresMessageSearch : IMessageSearch
{
    /// <summary>
    /// Up to this many conversations, a search first reads their newest messages: each costs an
    /// index step and a row read (about 37 µs here), so at most about 4 ms, where a quiet scope's
    /// walk could cost seconds. Larger scopes are left to the planner.
    /// </summary>
    internal const int BoundedScopeAtMost = 100;

    /// <summary>
    /// A conversation's messages are stamped in seq order by its grain, so its last by seq is its
    /// newest, unless the clock stepped back in between: this much of that is tolerated.
    /// </summary>
    internal static readonly TimeSpan ClockSlack = TimeSpan.FromHours(1);

    private const string Matching = $"""
        SELECT {MessageSearch.ConversationId}, {MessageSearch.Seq}, {MessageSearch.SenderId}, {MessageSearch.SentAt}, {MessageSearch.Text}
        FROM {MessageSearch.Table}
        WHERE {MessageSearch.ConversationId} = ANY(@ids) AND {MessageSearch.Text} ILIKE @pattern
        """;

    private const string Newest = $"ORDER BY {MessageSearch.SentAt} DESC, {MessageSearch.Seq} DESC LIMIT @limit";

    /// <summary>The search without a bound: the planner's choice, newest-first walk included.</summary>
    internal const string Search = $"{Matching}\n{Newest}";

    private const string SearchSentBy = $"{Matching} AND {MessageSearch.SentAt} <= @sentBy\n{Newest}";

    private const string NewestSql = $"""
        SELECT max((
          SELECT {MessageSearch.SentAt} FROM {MessageSearch.Table} s WHERE s.{MessageSearch.ConversationId} = id
          ORDER BY {MessageSearch.Seq} DESC LIMIT 1))
        FROM unnest(@ids) id
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

        var ids = conversationIds.ToArray();
        DateTimeOffset? sentBy = null;
        if (ids.Length <= BoundedScopeAtMost)
        {
            if (await NewestMessageOfAsync(ids, cancellationToken) is not { } newest)
            {
                return [];
            }

            sentBy = newest + ClockSlack;
        }

        await using var command = _dataSource.CreateCommand(sentBy is null ? Search : SearchSentBy);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("pattern", SearchSql.ContainsPattern(query));
        command.Parameters.AddWithValue("limit", limit);
        if (sentBy is { } bound)
        {
            command.Parameters.AddWithValue("sentBy", bound);
        }

        return await SearchSql.ReadHitsAsync(command, PostgresDatabase.ReadInstant, query, cancellationToken);
    }

    /// <summary>When the newest searchable message of the conversations was sent (by their last seqs), or null when they hold none.</summary>
    internal async Task<DateTimeOffset?> NewestMessageOfAsync(string[] conversationIds, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(NewestSql);
        command.Parameters.AddWithValue("ids", conversationIds);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime newest
            ? new DateTimeOffset(DateTime.SpecifyKind(newest, DateTimeKind.Utc))
            : null;
    }
}
