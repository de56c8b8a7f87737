using System.Text.Json;
using Im.Domain.Search;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageSearch"/> over the embedded store. Named conversations that hold few
/// messages together are read from im.db's history by its key, and each message's text is
/// checked for the query, case-insensitively. Larger ones are looked up in search.db once it
/// has caught up with im.db (see <see cref="SqliteSearchIndex"/>): the rows whose trigrams
/// include all of the query's (<see cref="TrigramMatch"/>), read from history and checked the
/// same way; the index keeps trigrams only, as PostgreSQL's pg_trgm index does. Queries of
/// one or two characters, which trigrams cannot find, are always read from history.
/// </summary>
/// <remarks>
/// <para>Both paths take the newest matches in the order history rows were stored (their
/// rowids), which on a live server is the order they were sent, and sort the few they keep by
/// <c>sent_at</c>. A lookup walks the index newest first and stops at the limit-th match in the
/// named conversations, so a common query costs the matches stored since then.</para>
/// <para>Why read small scopes: conversations holding a small share of the store meet few of a
/// common query's matches ("会议"), so their lookup walks most of the store's, while reading them
/// costs what they hold. Counting them first is an index-only read, stopped at
/// <see cref="DefaultReadAtMost"/> rows.</para>
/// </remarks>
public sealed class SqliteMessageSearch : IMessageSearch
{
    /// <summary>
    /// Reading a message and checking its text costs 2.5–4 µs here, so this bounds a read at
    /// 5–8 ms, while looking up a common query in one conversation of 100 among 200,000
    /// messages took 34 ms (docs/fanout.md, "Newest first").
    /// </summary>
    public const int DefaultReadAtMost = 2_000;

    // Conversation ids travel as one JSON array parameter: no statement text per list size.
    private const string Conversations = "(SELECT value FROM json_each(@ids))";

    private const string H = SqliteSearchAppends.HistorySchema;

    /// <summary>The text check on a row: a .NET function, since SQLite's own lower() and LIKE fold ASCII letters only.</summary>
    private const string HoldsQuery = "im_holds_query";

    private const string Hits = $"""
        SELECT conversation_id, seq, sender_id, sent_at, message_text FROM (
          SELECT h.{MessageHistory.ConversationId} AS conversation_id, h.{MessageHistory.Seq} AS seq, h.{MessageHistory.SenderId} AS sender_id,
            h.{MessageHistory.SentAt} AS sent_at, {SqliteSearchAppends.TextOfBody} AS message_text
        """;

    private const string Newest = "LIMIT @limit) ORDER BY sent_at DESC, seq DESC";

    // CROSS JOIN keeps the index as the outer loop, and ordering by its rowid lets FTS5 hand
    // its matches over newest first, one at a time: the lookup stops at the limit-th match in
    // the named conversations instead of joining every match in the store to history first.
    private const string Indexed = $"""
        {Hits}
          FROM {MessageSearch.Table} s CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = s.rowid
          WHERE s.{MessageSearch.Table} MATCH @match AND h.{MessageHistory.ConversationId} IN {Conversations}
            AND {HoldsQuery}(message_text, @query)
          ORDER BY s.rowid DESC
        {Newest}
        """;

    // The unary + keeps SQLite from walking the whole table backwards by rowid to save the
    // sort: a read costs the named conversations' rows, found by their key, and no more.
    private const string Scanned = $"""
        {Hits}
          FROM {MessageHistory.Table} h
          WHERE h.{MessageHistory.ConversationId} IN {Conversations} AND {HoldsQuery}(message_text, @query)
          ORDER BY +h.rowid DESC
        {Newest}
        """;

    private const string ScopeSizeSql = $"""
        SELECT count(*) FROM (SELECT 1 FROM {MessageHistory.Table} WHERE {MessageHistory.ConversationId} IN {Conversations} LIMIT @cap)
        """;

    private readonly SqliteDatabase _database;
    private readonly SqliteSearchIndex _index;
    private readonly int _readAtMost;

    /// <param name="database">im.db's store.</param>
    /// <param name="readAtMost">Named conversations holding at most this many messages together are read instead of looked up; 0 always looks up 3+ character queries.</param>
    public SqliteMessageSearch(SqliteDatabase database, int readAtMost = DefaultReadAtMost)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegative(readAtMost);
        _database = database;
        _index = database.SearchIndex ?? throw new ArgumentException("search needs im.db's database, not search.db's", nameof(database));
        _readAtMost = readAtMost;
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(IReadOnlyCollection<string> conversationIds, string query, int limit, CancellationToken cancellationToken)
    {
        SearchSql.Check(conversationIds, query, limit);
        if (conversationIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        return SearchCoreAsync(JsonSerializer.Serialize(conversationIds), query, limit, cancellationToken);
    }

    private async Task<IReadOnlyList<SearchHit>> SearchCoreAsync(string ids, string query, int limit, CancellationToken cancellationToken)
    {
        if (TrigramMatch.Of(query) is not { } match)
        {
            return await _database.ReadAsync((connection, token) => ReadHitsAsync(connection, Scanned, ids, query, limit, match: null, token), cancellationToken);
        }

        if (_readAtMost > 0
            && await _database.ReadAsync((connection, token) => ReadIfAtMostAsync(connection, ids, query, limit, _readAtMost, token), cancellationToken) is { } read)
        {
            return read;
        }

        return await SearchIndexedAsync(ids, match, query, limit, cancellationToken);
    }

    /// <summary>The hits read from history, or null when the conversations hold more than <paramref name="most"/> messages.</summary>
    private static async Task<IReadOnlyList<SearchHit>?> ReadIfAtMostAsync(SqliteConnection connection, string ids, string query, int limit, int most, CancellationToken cancellationToken)
    {
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = ScopeSizeSql;
            count.Parameters.AddWithValue("@ids", ids);
            count.Parameters.AddWithValue("@cap", most + 1);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! > most)
            {
                return null;
            }
        }

        return await ReadHitsAsync(connection, Scanned, ids, query, limit, match: null, cancellationToken);
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
