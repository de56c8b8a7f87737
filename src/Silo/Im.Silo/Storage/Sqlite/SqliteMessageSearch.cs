using System.Text.Json;
using Im.Domain.Search;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IMessageSearch"/> over the embedded store. Named conversations that hold few
/// messages together are read from im.db's history by their keys (<see cref="SqliteHistoryKeys"/>), and each message's text is
/// checked for the query, case-insensitively. Larger ones are looked up in search.db once it
/// has caught up with im.db (see <see cref="SqliteSearchIndex"/>), or read as the small ones
/// are when it has not within <see cref="LookupWait"/>: the rows whose trigrams
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
/// costs what they hold. Counting them first reads their keys (and the rows past the keys),
/// stopped at <see cref="DefaultReadAtMost"/> rows.</para>
/// <para>Why a lookup walks in budgets: a larger scope can still meet few of the matches, when
/// its conversations are quiet or the query is common elsewhere only, and then walking to the
/// limit costs the whole store's matches. So a lookup walks <see cref="DefaultWalkAtMost"/>
/// matches, then as many again as it has walked, and so on (counting how far a walk went only
/// when it fell short); once it has walked as much as reading the named conversations costs,
/// it reads them instead. A search then costs a few times the cheaper of the two, never the
/// store's size.</para>
/// </remarks>
public sealed class SqliteMessageSearch : IMessageSearch
{
    /// <summary>
    /// Reading a message and checking its text costs 2.5–4 µs here, so this bounds a read at
    /// 5–8 ms, while looking up a common query in one conversation of 100 among 200,000
    /// messages took 34 ms (docs/fanout.md, "Newest first").
    /// </summary>
    public const int DefaultReadAtMost = 2_000;

    /// <summary>
    /// Matches a lookup walks before it weighs reading instead: walking one (FTS5's next rowid,
    /// the history row by rowid, the text check) costs 0.8 µs for one word here, up to 5 µs for
    /// several common ones, so 3–20 ms.
    /// </summary>
    public const int DefaultWalkAtMost = 4_096;

    /// <summary>
    /// How long a lookup waits for the index to reach im.db before it reads the named
    /// conversations instead: normally one pass, milliseconds; longer only while the index lags
    /// (a flood of appends, a rebuild), when a slower exact answer beats a failed search.
    /// </summary>
    public static readonly TimeSpan LookupWait = TimeSpan.FromSeconds(2);

    /// <summary>Reading a message costs about what walking this many matches does (2.5–4 µs against 0.8).</summary>
    private const int WalksPerRead = 4;

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

    // The index's matches below @below come out of a co-routine newest first, one at a time,
    // at most @walk of them; CROSS JOIN keeps it the outer loop, and SQLite keeps its order
    // instead of sorting, so the lookup stops at the limit-th match in the named conversations
    // instead of joining every match in the store to history first.
    private const string Indexed = $"""
        {Hits}
          FROM ({Walk}) s
          CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = s.id
          WHERE h.{MessageHistory.ConversationId} IN {Conversations} AND {HoldsQuery}(message_text, @query)
          ORDER BY s.id DESC
        {Newest}
        """;

    private const string Walk = $"SELECT rowid AS id FROM {MessageSearch.Table} WHERE {MessageSearch.Table} MATCH @match AND rowid < @below ORDER BY rowid DESC LIMIT @walk";

    // How far a walk that fell short went, from the index alone (FTS5's doclists, no history
    // row): a few times cheaper than the walk, and paid only when it fell short.
    private const string WalkedSql = $"SELECT count(*), coalesce(min(id), 0) FROM ({Walk})";

    // Seqs are gapless from 1 and history keeps every message, so a conversation's highest seq
    // is its size: one seek per conversation, however large. Read after the index caught up,
    // so its keys hold every message.
    private const string ScopeMessagesSql = $"""
        SELECT coalesce(sum((
          SELECT max({MessageKeys.Seq}) FROM {MessageKeys.Table} WHERE {MessageKeys.ConversationId} = ids.value)), 0)
        FROM json_each(@ids) ids
        """;

    // The named conversations' rows: their keys, and the rows past the keys' cursor
    // (SqliteHistoryKeys), by rowid; the unary + keeps SQLite on the rowid range there.
    private const string ScopeRows = $"""
        SELECT h.rowid AS id, h.{MessageHistory.ConversationId}, h.{MessageHistory.Seq}, h.{MessageHistory.SenderId}, h.{MessageHistory.SentAt}, h.{MessageHistory.Body}
        FROM {MessageKeys.Table} k CROSS JOIN {H}.{MessageHistory.Table} h ON h.rowid = k.{MessageKeys.HistoryRowId}
        WHERE k.{MessageKeys.ConversationId} IN {Conversations}
        UNION ALL
        SELECT rowid, {MessageHistory.ConversationId}, {MessageHistory.Seq}, {MessageHistory.SenderId}, {MessageHistory.SentAt}, {MessageHistory.Body}
        FROM {H}.{MessageHistory.Table}
        WHERE rowid > {SqliteHistoryKeys.Cursor} AND +{MessageHistory.ConversationId} IN {Conversations}
        """;

    private const string Scanned = $"""
        {Hits}
          FROM ({ScopeRows}) h
          WHERE {HoldsQuery}(message_text, @query)
          ORDER BY h.id DESC
        {Newest}
        """;

    // From the keys alone, without their history rows, and the rows past the keys.
    private const string ScopeSizeSql = $"""
        SELECT count(*) FROM (
          SELECT 1 FROM {MessageKeys.Table} WHERE {MessageKeys.ConversationId} IN {Conversations}
          UNION ALL
          SELECT 1 FROM {H}.{MessageHistory.Table} WHERE rowid > {SqliteHistoryKeys.Cursor} AND +{MessageHistory.ConversationId} IN {Conversations}
          LIMIT @cap)
        """;

    private readonly SqliteSearchIndex _index;
    private readonly SqliteHistoryKeys _keys;
    private readonly int _readAtMost;
    private readonly int _walkAtMost;

    /// <param name="database">im.db's store.</param>
    /// <param name="readAtMost">Named conversations holding at most this many messages together are read instead of looked up; 0 always looks up 3+ character queries, waiting for the index as long as <see cref="SqliteSearchIndex.CatchUpLimit"/>.</param>
    /// <param name="walkAtMost">Matches a lookup walks before it weighs the rest against reading the named conversations.</param>
    public SqliteMessageSearch(SqliteDatabase database, int readAtMost = DefaultReadAtMost, int walkAtMost = DefaultWalkAtMost)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegative(readAtMost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkAtMost);
        _index = database.SearchIndex ?? throw new ArgumentException("search needs im.db's database, not search.db's", nameof(database));
        _keys = database.HistoryKeys!;
        _readAtMost = readAtMost;
        _walkAtMost = walkAtMost;
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
        if (TrigramMatch.Of(query) is { } match
            && (_readAtMost == 0 || await _keys.ReadAsync((connection, token) => HoldsMoreThanAsync(connection, ids, _readAtMost, token), cancellationToken))
            && await LookUpAsync(ids, match, query, limit, cancellationToken) is { } found)
        {
            return found;
        }

        return await _keys.ReadAsync((connection, token) => ReadHitsAsync(connection, snapshot: null, Scanned, ids, query, limit, walk: null, token), cancellationToken);
    }

    /// <summary>Whether the conversations hold more than <paramref name="most"/> messages together.</summary>
    private static async Task<bool> HoldsMoreThanAsync(SqliteConnection connection, string ids, int most, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = ScopeSizeSql;
        count.Parameters.AddWithValue("@ids", ids);
        count.Parameters.AddWithValue("@cap", most + 1);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))! > most;
    }

    /// <summary>The hits found in search.db, or null when reading the conversations costs less: walking the index cost as much, or the index lags.</summary>
    private async Task<IReadOnlyList<SearchHit>?> LookUpAsync(string ids, string match, string query, int limit, CancellationToken cancellationToken)
    {
        // A search told never to read (readAtMost 0) waits for the index, and fails after its limit.
        if (_readAtMost == 0)
        {
            await _index.CatchUpAsync(cancellationToken);
        }
        else if (!await _index.TryCatchUpAsync(LookupWait, cancellationToken))
        {
            return null;
        }

        return await _keys.ReadAsync(
            async (connection, token) =>
            {
                // One snapshot for all of a lookup's statements: a later one would also see
                // messages stored since, and count or walk some rows of an earlier one again.
                using var snapshot = connection.BeginTransaction(deferred: true);
                var walk = new IndexWalk(match, long.MaxValue, _walkAtMost);
                var hits = await ReadHitsAsync(connection, snapshot, Indexed, ids, query, limit, walk, token);
                long walked = 0;
                long? readCost = null;
                while (hits.Count < limit)
                {
                    var (count, lowest) = await MeasureAsync(connection, snapshot, walk, token);
                    if (count < walk.AtMost)
                    {
                        break;
                    }

                    // Short of the limit with matches left: walk on below the last one, as far
                    // again as walked so far, unless reading the conversations costs less.
                    walked += count;
                    readCost ??= WalksPerRead * await ScopeMessagesAsync(connection, snapshot, ids, token);
                    if (walked >= readCost)
                    {
                        return null;
                    }

                    walk = new IndexWalk(match, lowest, walked);
                    var more = await ReadHitsAsync(connection, snapshot, Indexed, ids, query, limit - hits.Count, walk, token);
                    hits = [.. hits.Concat(more).OrderByDescending(hit => hit.SentAt).ThenByDescending(hit => hit.Seq)];
                }

                return hits;
            },
            cancellationToken);
    }

    /// <summary>How many matches a walk went over, and the lowest rowid among them.</summary>
    private static async Task<(long Count, long Lowest)> MeasureAsync(SqliteConnection connection, SqliteTransaction snapshot, IndexWalk walk, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = WalkedSql;
        walk.AddParameters(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<long> ScopeMessagesAsync(SqliteConnection connection, SqliteTransaction snapshot, string ids, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.Transaction = snapshot;
        count.CommandText = ScopeMessagesSql;
        count.Parameters.AddWithValue("@ids", ids);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadHitsAsync(SqliteConnection connection, SqliteTransaction? snapshot, string sql, string ids, string query, int limit, IndexWalk? walk, CancellationToken cancellationToken)
    {
        connection.CreateFunction<string?, string, bool>(HoldsQuery, static (text, query) => text is not null && text.Contains(query, StringComparison.OrdinalIgnoreCase), isDeterministic: true);
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@ids", ids);
        command.Parameters.AddWithValue("@query", query);
        command.Parameters.AddWithValue("@limit", limit);
        walk?.AddParameters(command);
        return await SearchSql.ReadHitsAsync(command, SqliteDatabase.ReadInstant, query, cancellationToken);
    }

    /// <summary>One statement's walk: the index's matches of <paramref name="Match"/> below rowid <paramref name="Below"/>, newest first, at most <paramref name="AtMost"/>.</summary>
    private sealed record IndexWalk(string Match, long Below, long AtMost)
    {
        public void AddParameters(SqliteCommand command)
        {
            command.Parameters.AddWithValue("@match", Match);
            command.Parameters.AddWithValue("@below", Below);
            command.Parameters.AddWithValue("@walk", AtMost);
        }
    }
}
