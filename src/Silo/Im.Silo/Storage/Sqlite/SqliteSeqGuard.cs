using System.Text.Json;
using Im.Domain.History;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Refuses an append whose (conversation, seq) is taken, before it is written: im.db's history
/// has no key to refuse it (the keys are written behind, in search.db: <see cref="SqliteHistoryKeys"/>).
/// One per im.db instance (<see cref="SqliteDatabase.SeqGuard"/>), used by the history's
/// writer only, inside its write transaction.
/// </summary>
/// <remarks>
/// <para>What it knows: the highest stored seq of each conversation it has written or looked
/// up. A seq above it is free for certain, which is every send of a conversation grain (it
/// appends its max seq + 1); only a seq at or below it is looked up, in the keys and the rows
/// past them. A conversation first seen is looked up once, with the others of its batch.</para>
/// <para>Why it can know: the write transaction holds im.db's write lock, and every write of
/// this process goes through the one writer connection, so between two batches only another
/// process (or another instance on the same file) can append. SQLite's <c>data_version</c>
/// tells, inside the transaction, whether any other connection committed since the last
/// batch; then, or on a new writer connection, everything known is forgotten.</para>
/// <para>What a batch learns is kept only once it committed: a batch that fails leaves the
/// knowledge as it was, which its rollback made true again.</para>
/// </remarks>
internal sealed class SqliteSeqGuard(SqliteHistoryKeys keys)
{
    /// <summary>Conversations known at most; past it everything is forgotten and looked up again as it comes.</summary>
    public const int MaxConversationsKnown = 100_000;

    private const string DataVersionSql = "PRAGMA data_version";

    // The keys' cursor first (its row has a null id), then each conversation's highest keyed seq.
    private const string KeyedMaxSql = $"""
        SELECT NULL, {SqliteHistoryKeys.Cursor}
        UNION ALL
        SELECT ids.value, (SELECT max({MessageKeys.Seq}) FROM {MessageKeys.Table} WHERE {MessageKeys.ConversationId} = ids.value)
        FROM json_each(@ids) ids
        """;

    // On the writer's connection, inside its transaction: im.db as it stands, this batch's rows included.
    private const string TailMaxSql = $"""
        SELECT {MessageHistory.ConversationId}, max({MessageHistory.Seq}) FROM {MessageHistory.Table}
        WHERE rowid > @after AND +{MessageHistory.ConversationId} IN (SELECT value FROM json_each(@ids))
        GROUP BY {MessageHistory.ConversationId}
        """;

    private const string KeyedTakenSql = $"""
        SELECT {SqliteHistoryKeys.Cursor},
          EXISTS (SELECT 1 FROM {MessageKeys.Table} WHERE {MessageKeys.ConversationId} = @conversation AND {MessageKeys.Seq} = @seq)
        """;

    private const string TailTakenSql = $"""
        SELECT EXISTS (SELECT 1 FROM {MessageHistory.Table} WHERE rowid > @after AND +{MessageHistory.ConversationId} = @conversation AND {MessageHistory.Seq} = @seq)
        """;

    private readonly Dictionary<string, long> _maxSeqs = new(StringComparer.Ordinal);

    // What this batch wrote so far, kept once it commits.
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);

    private SqliteConnection? _connection;
    private long _dataVersion;

    /// <summary>Starts a batch inside its write transaction: forgets what another writer may have changed, and looks up the conversations not known yet.</summary>
    public async Task BeginAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<SqliteAppend> batch, CancellationToken cancellationToken)
    {
        _written.Clear();
        var dataVersion = await ReadDataVersionAsync(connection, transaction, cancellationToken);
        if (!ReferenceEquals(connection, _connection) || dataVersion != _dataVersion || _maxSeqs.Count > MaxConversationsKnown)
        {
            _maxSeqs.Clear();
            _connection = connection;
            _dataVersion = dataVersion;
        }

        var unknown = batch.SelectMany(append => append.Messages).Select(message => message.ConversationId)
            .Where(conversation => !_maxSeqs.ContainsKey(conversation)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            await LookUpAsync(connection, transaction, unknown, cancellationToken);
        }
    }

    /// <summary>The refusal of an append whose first taken message is returned, or null when every one is free (an append is all or none).</summary>
    public async Task<DuplicateMessageException?> CheckAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        // An append may carry one key twice; the later one is taken by the earlier.
        var inAppend = messages.Count > 1 ? new HashSet<(string, long)>() : null;
        foreach (var message in messages)
        {
            var taken = inAppend is not null && !inAppend.Add((message.ConversationId, message.Seq));
            if (taken || (message.Seq <= MaxSeq(message.ConversationId) && await IsStoredAsync(connection, transaction, message, cancellationToken)))
            {
                return new DuplicateMessageException(message.ConversationId, message.Seq);
            }
        }

        return null;
    }

    /// <summary>The append's rows are written in this batch's transaction.</summary>
    public void Wrote(IReadOnlyList<HistoryMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Seq > MaxSeq(message.ConversationId))
            {
                _written[message.ConversationId] = message.Seq;
            }
        }
    }

    /// <summary>The batch committed: what it wrote is stored.</summary>
    public void Committed()
    {
        foreach (var (conversation, seq) in _written)
        {
            _maxSeqs[conversation] = seq;
        }

        _written.Clear();
    }

    private long MaxSeq(string conversationId)
    {
        var stored = _maxSeqs.TryGetValue(conversationId, out var known) ? known : long.MaxValue;
        return _written.TryGetValue(conversationId, out var written) ? Math.Max(stored, written) : stored;
    }

    private async Task LookUpAsync(SqliteConnection connection, SqliteTransaction transaction, List<string> conversations, CancellationToken cancellationToken)
    {
        var ids = JsonSerializer.Serialize(conversations);
        var (cursor, keyed) = await keys.ReadAsync((search, token) => ReadKeyedMaxAsync(search, ids, token), cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TailMaxSql;
        command.Parameters.AddWithValue("@after", cursor);
        command.Parameters.AddWithValue("@ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var conversation = reader.GetString(0);
            keyed[conversation] = Math.Max(keyed.GetValueOrDefault(conversation), reader.GetInt64(1));
        }

        foreach (var (conversation, seq) in keyed)
        {
            _maxSeqs[conversation] = seq;
        }
    }

    private static async Task<(long Cursor, Dictionary<string, long> MaxSeqs)> ReadKeyedMaxAsync(SqliteConnection connection, string ids, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = KeyedMaxSql;
        command.Parameters.AddWithValue("@ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cursor = 0L;
        var maxSeqs = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                cursor = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }
            else
            {
                maxSeqs[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }
        }

        return (cursor, maxSeqs);
    }

    private async Task<bool> IsStoredAsync(SqliteConnection connection, SqliteTransaction transaction, HistoryMessage message, CancellationToken cancellationToken)
    {
        var (cursor, keyed) = await keys.ReadAsync(
            async (search, token) =>
            {
                await using var command = search.CreateCommand();
                command.CommandText = KeyedTakenSql;
                AddKey(command, message);
                await using var reader = await command.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                return (reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.GetInt64(1) == 1);
            },
            cancellationToken);
        if (keyed)
        {
            return true;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TailTakenSql;
        command.Parameters.AddWithValue("@after", cursor);
        AddKey(command, message);
        return await command.ExecuteScalarAsync(cancellationToken) is long exists && exists == 1;
    }

    private static void AddKey(SqliteCommand command, HistoryMessage message)
    {
        command.Parameters.AddWithValue("@conversation", message.ConversationId);
        command.Parameters.AddWithValue("@seq", message.Seq);
    }

    private static async Task<long> ReadDataVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = DataVersionSql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
